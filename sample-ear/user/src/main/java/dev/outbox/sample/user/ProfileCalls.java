package dev.outbox.sample.user;

import dev.outbox.ActionKind;
import dev.outbox.Actor;
import dev.outbox.consumer.ConsumerSettings;
import dev.outbox.sample.calls.ApiUrl;
import dev.outbox.sample.calls.AuthClient;
import dev.outbox.sample.calls.BackendException;
import dev.outbox.sample.calls.BearerToken;
import dev.outbox.sample.calls.CallNotTrustedException;
import dev.outbox.sample.calls.CallRequest;
import dev.outbox.sample.calls.CallVerifier;
import dev.outbox.sample.calls.TokenRefusedException;
import dev.outbox.sample.calls.ValidToken;
import dev.outbox.sample.calls.VerifiedCall;
import dev.outbox.sample.settings.DurationSetting;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The user backend's door for other services: a service reads a profile for a user, acting with
 * that user's permissions only. Each call must
 * <ol>
 *   <li>prove its caller by signature ({@link CallVerifier}; otherwise 401, and since nobody is
 *       proven, nothing is audited),</li>
 *   <li>come from a service on {@value #ALLOWED_CALLERS_PROPERTY},</li>
 *   <li>act for a user ({@code PROXIED_USER}) whose token it forwards, which the auth backend
 *       confirms is that user's, with at least the permissions the call claims, among them
 *       {@value #PERMISSION}.</li>
 * </ol>
 * The answer is what that user may see: their own profile whole, anyone else's public part. Every
 * call that passed step 1 is audited with its answer ({@link ProfileAccessLog}).
 */
@ApplicationScoped
public class ProfileCalls {

    /** The user backend's name: calls must be signed for it. */
    public static final String SERVICE = "user";
    /** Comma-separated services that may read profiles for a user; nobody when unset. */
    public static final String ALLOWED_CALLERS_PROPERTY = "user.allowed-callers";
    /** How far a call's signing time may lie from this server's clock, an ISO-8601 duration. */
    public static final String MAX_AGE_PROPERTY = "user.calls.max-age";
    /** Where the auth backend is (see {@link ApiUrl}). */
    public static final String AUTH_URL_PROPERTY = "user.auth.url";
    /** The permission a user needs for profiles to be read on their behalf. */
    public static final String PERMISSION = "player";

    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(ProfileCalls.class.getName());

    @Inject
    ProfileAccessLog log;

    private CallVerifier verifier;
    private AuthClient auth;
    private Set<String> allowedCallers;

    @PostConstruct
    void configure() {
        // The keys this deployment trusts senders with: the same that verify its messages.
        verifier = new CallVerifier(SERVICE, ConsumerSettings.fromEnvironment().verifier(), maxAge(), Clock.systemUTC());
        auth = AuthClient.at(ApiUrl.of(AUTH_URL_PROPERTY));
        allowedCallers = Arrays.stream(System.getProperty(ALLOWED_CALLERS_PROPERTY, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        LOG.log(System.Logger.Level.INFO, "user backend: services allowed to read profiles for users: {0}", allowedCallers);
    }

    /**
     * @param profileOf whose profile
     * @param request   the request as received (its bearer token is the user's)
     * @param headers   the request's headers, with the caller's signature
     * @throws CallNotTrustedException when the call does not prove its caller, or was answered before
     */
    public ProfileAnswer read(String profileOf, CallRequest request, Map<String, String> headers) {
        VerifiedCall call;
        try {
            call = verifier.verify(headers, request);
        } catch (CallNotTrustedException e) {
            LOG.log(System.Logger.Level.WARNING, "refused a call for the profile of {0}: {1}", profileOf, e.getMessage());
            throw e;
        }
        Decision decision = decide(call, profileOf, request.bearerToken());
        return log.answer(call, profileOf, decision.answer(), decision.reason())
                .orElseThrow(() -> new CallNotTrustedException("call " + call.id() + " from " + call.caller()
                        + " was answered before: each signed call is answered once"));
    }

    /**
     * Who read a user's profile, through which service, for whom: for that user only.
     *
     * @param authorization the {@code Authorization} header of the user's own request
     * @throws TokenRefusedException      when the user's token is missing or refused
     * @throws ProfileForbiddenException  when the token is another user's
     * @throws BackendException           when the auth backend does not answer
     */
    public List<ProfileAccess> accessesOf(String profileOf, String authorization) {
        ValidToken token = auth.validate(BearerToken.require(authorization));
        if (!token.user().equals(profileOf)) {
            throw new ProfileForbiddenException(token.user() + " may not see who read the profile of " + profileOf
                    + ": only " + profileOf + " may");
        }
        return log.accessesOf(profileOf);
    }

    private Decision decide(VerifiedCall call, String profileOf, String bearerToken) {
        Actor actor = call.actor();
        if (!allowedCallers.contains(call.caller())) {
            return Decision.refuse(Answer.FORBIDDEN, "service " + call.caller() + " may not read profiles for users (allowed: "
                    + String.join(", ", allowedCallers) + ")");
        }
        if (actor.kind() != ActionKind.PROXIED_USER) {
            return Decision.refuse(Answer.FORBIDDEN, "a call for a profile must act for a user (PROXIED_USER), this one is a "
                    + actor.kind() + " action");
        }
        if (bearerToken == null) {
            return Decision.refuse(Answer.UNAUTHENTICATED, "the call forwards no token of " + actor.userId());
        }
        ValidToken token;
        try {
            token = auth.validate(bearerToken);
        } catch (TokenRefusedException e) {
            return Decision.refuse(Answer.UNAUTHENTICATED, "the auth backend refuses the token the call forwards: " + e.getMessage());
        } catch (BackendException e) {
            return Decision.refuse(Answer.UNAVAILABLE, e.getMessage());
        }
        if (!token.user().equals(actor.userId())) {
            return Decision.refuse(Answer.FORBIDDEN, "the call acts for " + actor.userId() + " but forwards the token of " + token.user());
        }
        if (!token.permissions().containsAll(actor.permissions())) {
            return Decision.refuse(Answer.FORBIDDEN, "the call claims the permissions " + actor.permissions() + " for " + token.user()
                    + ", whose token carries " + new TreeSet<>(token.permissions()));
        }
        if (!token.permissions().contains(PERMISSION)) {
            return Decision.refuse(Answer.FORBIDDEN, token.user() + " lacks the permission " + PERMISSION
                    + " that reading profiles needs");
        }
        return new Decision(token.user().equals(profileOf) ? Answer.FULL : Answer.PUBLIC, null);
    }

    private static Duration maxAge() {
        return DurationSetting.positive(MAX_AGE_PROPERTY, DEFAULT_MAX_AGE);
    }

    private record Decision(Answer answer, String reason) {
        static Decision refuse(Answer answer, String reason) {
            return new Decision(answer, reason);
        }
    }
}
