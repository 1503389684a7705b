package dev.outbox.sample.web;

import dev.outbox.sample.calls.BackendException;
import dev.outbox.sample.calls.CallNotTrustedException;
import dev.outbox.sample.calls.TokenProblem;
import dev.outbox.sample.calls.TokenRefusedException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** How refusals of scenario 2's tokens and calls reach the client. */
final class CallMappers {

    private CallMappers() {
    }

    /**
     * No token, or one the auth backend refuses: 401 with the reason ({@code MISSING},
     * {@code UNKNOWN}, {@code EXPIRED}, {@code REVOKED}) and the challenge of RFC 6750.
     */
    @Provider
    public static final class TokenRefused implements ExceptionMapper<TokenRefusedException> {
        @Override
        public Response toResponse(TokenRefusedException exception) {
            String challenge = exception.problem() == TokenProblem.MISSING ? "Bearer realm=\"sample\""
                    : "Bearer realm=\"sample\", error=\"invalid_token\"";
            return ApiErrors.error(401, exception.getMessage(), "reason", exception.problem().name())
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
        }
    }

    /** A call that does not prove which service makes it: 401. */
    @Provider
    public static final class NotTrusted implements ExceptionMapper<CallNotTrustedException> {
        @Override
        public Response toResponse(CallNotTrustedException exception) {
            return ApiErrors.error(401, exception.getMessage()).build();
        }
    }

    /** Another backend did not answer (503) or refused this one (502). */
    @Provider
    public static final class Backend implements ExceptionMapper<BackendException> {
        @Override
        public Response toResponse(BackendException exception) {
            return ApiErrors.error(exception.status() == 0 ? 503 : 502, exception.getMessage(), "backend", exception.backend()).build();
        }
    }
}
