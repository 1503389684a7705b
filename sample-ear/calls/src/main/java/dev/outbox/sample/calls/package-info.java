/**
 * How the sample's backends call each other over HTTP on a user's behalf (scenario 2).
 *
 * <ul>
 *   <li>{@link dev.outbox.sample.calls.AuthClient}: asks the auth backend whether a bearer token is
 *       valid, and for whom, with which permissions. A pure read.</li>
 *   <li>{@link dev.outbox.sample.calls.CallSigner} and {@link dev.outbox.sample.calls.CallVerifier}:
 *       the calling service signs each request with its outbox signing key, as an outbox envelope
 *       carried in HTTP headers; the called service verifies it with the keys it trusts, so it knows
 *       which service calls and for which user.</li>
 * </ul>
 *
 * <p>A library shared by the backends, like outbox-core: no CDI beans, no tables.
 */
package dev.outbox.sample.calls;
