/**
 * The wire format, shared by the outbox, the relay and consumers, with no Jakarta dependency:
 * the {@link dev.outbox.envelope.Envelope} and its three forms (table columns,
 * {@link dev.outbox.envelope.OutboxColumns}; WAL message content,
 * {@link dev.outbox.envelope.WalMessageCodec}; broker message properties,
 * {@link dev.outbox.envelope.MessageProperties}), and the signature over its
 * {@link dev.outbox.envelope.CanonicalForm} ({@link dev.outbox.envelope.SigningKey},
 * {@link dev.outbox.envelope.EnvelopeVerifier}). Documented for other languages in
 * {@code docs/wire-format.md}.
 */
package dev.outbox.envelope;
