package dev.outbox.sample.calls;

import dev.outbox.Actor;
import dev.outbox.MessageKind;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageIds;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.envelope.Payload;
import dev.outbox.envelope.SigningKey;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Signs a service's HTTP calls with the same key as its outbox messages, so a called service knows
 * which service calls and for whom, as surely as a consumer knows who sent a message.
 *
 * <p>The signature is an outbox envelope (see {@code docs/wire-format.md}) sent as HTTP headers
 * named like its broker message properties ({@code outbox_id}, {@code outbox_sender},
 * {@code outbox_actor_user}, {@code outbox_signature}, ...), with
 * <ul>
 *   <li>type {@value #TYPE} and as destination the called service, so it is no message any
 *       consumer handles and no call another service accepts;</li>
 *   <li>as payload the {@linkplain CallRequest#signedText() request's method, target and token hash},
 *       which is not sent but rebuilt by the called service;</li>
 *   <li>a fresh id (the called service accepts each id once) and the time of the call.</li>
 * </ul>
 *
 * <pre>{@code
 * CallSigner signer = new CallSigner("game", settings.signingKey());
 * Map<String, String> headers = signer.sign(new CallRequest("GET", uri.getRawPath(), token), "user",
 *         Actor.proxiedUser("alice", Set.of("player")), correlationId);
 * }</pre>
 */
public final class CallSigner {

    /** The envelope type of a signed HTTP call. */
    public static final String TYPE = "http.call";

    private final String service;
    private final SigningKey key;
    private final Clock clock;

    /**
     * @param service this service's name, the signed sender (the outbox's {@code service-name})
     * @param key     its signing key (the outbox's)
     */
    public CallSigner(String service, SigningKey key) {
        this(service, key, Clock.systemUTC());
    }

    public CallSigner(String service, SigningKey key, Clock clock) {
        this.service = service;
        this.key = key;
        this.clock = clock;
    }

    /**
     * @param request       the request about to be sent
     * @param callee        the called service's name
     * @param actor         for whom the call is made ({@code PROXIED_USER} with the user's permissions)
     * @param correlationId the user's request this call serves, or {@code null}
     * @return the headers to add to the request
     */
    public Map<String, String> sign(CallRequest request, String callee, Actor actor, UUID correlationId) {
        Envelope envelope = new Envelope(MessageIds.next(), MessageKind.COMMAND, TYPE, callee, "call:" + callee,
                Payload.of(CallRequest.CONTENT_TYPE, request.signedText()), Map.of(), clock.instant(), null,
                correlationId, null, service, actor, null);
        return MessageProperties.of(key.sign(envelope));
    }
}
