package dev.outbox.sample.calls;

import dev.outbox.InvalidMessageException;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.EnvelopeVerifier;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.envelope.SignatureVerificationException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the signature a {@link CallSigner} put on a call, against the request actually received.
 * Thread-safe. It proves the caller and the actor it signed; whether that caller may call, and
 * whether the user's token agrees with the actor, is the called service's decision. Replays within
 * the accepted age must be caught by the called service (each {@link VerifiedCall#id()} once).
 */
public final class CallVerifier {

    private final String service;
    private final EnvelopeVerifier verifier;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param service  this service's name: calls signed for another are refused
     * @param verifier the keys of the services this one trusts
     * @param maxAge   how far the call's time may lie from this clock, either way
     */
    public CallVerifier(String service, EnvelopeVerifier verifier, Duration maxAge, Clock clock) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the accepted age of a call must be positive, was " + maxAge);
        }
        this.service = service;
        this.verifier = verifier;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * @param headers the request's headers (other headers than {@code outbox_*} are ignored; names in any case)
     * @param request the request as received
     * @throws CallNotTrustedException saying what does not hold
     */
    public VerifiedCall verify(Map<String, String> headers, CallRequest request) {
        Map<String, String> signed = new HashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("outbox_")) {
                signed.put(lower, value);
            }
        });
        if (!signed.containsKey(MessageProperties.SIGNATURE)) {
            throw new CallNotTrustedException("the call does not say which service makes it: it carries no signed outbox_* headers");
        }
        Envelope envelope;
        try {
            envelope = MessageProperties.toEnvelope(signed, request.signedText());
        } catch (InvalidMessageException e) {
            throw new CallNotTrustedException("the call's outbox_* headers are malformed: " + e.getMessage(), e);
        }
        try {
            verifier.verify(envelope);
        } catch (SignatureVerificationException e) {
            throw new CallNotTrustedException("the call's signature does not hold (" + e.problem() + "): " + e.getMessage()
                    + "; a signature covers one method, path and token", e);
        }
        // From here on the fields are the caller's own words.
        if (!CallSigner.TYPE.equals(envelope.type()) || !service.equals(envelope.destination())) {
            throw new CallNotTrustedException("call " + envelope.id() + " was signed as '" + envelope.type() + "' for '"
                    + envelope.destination() + "', not as a call to '" + service + "'");
        }
        Duration age = Duration.between(envelope.createdAt(), clock.instant());
        if (age.abs().compareTo(maxAge) > 0) {
            throw new CallNotTrustedException("call " + envelope.id() + " was signed at " + envelope.createdAt() + ", "
                    + age.abs().toSeconds() + " s away from this server's clock; at most " + maxAge.toSeconds() + " s are accepted");
        }
        if (envelope.actor() == null) {
            throw new CallNotTrustedException("call " + envelope.id() + " does not say for whom it is made");
        }
        return new VerifiedCall(envelope.id(), envelope.sender(), envelope.actor(), envelope.correlationId(), envelope.createdAt());
    }
}
