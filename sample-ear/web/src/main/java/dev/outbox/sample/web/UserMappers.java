package dev.outbox.sample.web;

import dev.outbox.sample.auth.InvalidLifetimeException;
import dev.outbox.sample.user.ProfileForbiddenException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** How refusals of the auth and user backends reach the client. */
final class UserMappers {

    private UserMappers() {
    }

    /** A user asking for what only another user may see: 403. */
    @Provider
    public static final class ProfileForbidden implements ExceptionMapper<ProfileForbiddenException> {
        @Override
        public Response toResponse(ProfileForbiddenException exception) {
            return ApiErrors.error(403, exception.getMessage()).build();
        }
    }

    /** A token asked for with a lifetime that is no positive duration: 400, nothing issued. */
    @Provider
    public static final class InvalidLifetime implements ExceptionMapper<InvalidLifetimeException> {
        @Override
        public Response toResponse(InvalidLifetimeException exception) {
            return ApiErrors.error(400, exception.getMessage()).build();
        }
    }
}
