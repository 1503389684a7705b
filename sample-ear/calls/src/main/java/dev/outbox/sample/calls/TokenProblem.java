package dev.outbox.sample.calls;

/** Why a bearer token is not accepted; the auth backend names it in its refusal. */
public enum TokenProblem {
    /** The request carries no bearer token. */
    MISSING,
    /** The auth backend never issued this token: mistyped, or forged. */
    UNKNOWN,
    /** The token's lifetime is over. */
    EXPIRED,
    /** Its holder (or an administrator) revoked it. */
    REVOKED
}
