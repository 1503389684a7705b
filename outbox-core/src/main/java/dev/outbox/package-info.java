/**
 * What a Jakarta EE service uses to send messages as part of its own transaction: inject an
 * {@link dev.outbox.Outbox}, build a {@link dev.outbox.Message}, send it. The message leaves the
 * service if and only if the transaction commits, signed, and naming the service and the
 * {@link dev.outbox.Actor} it acts for. Configuration is {@link dev.outbox.OutboxSettings}; every
 * failure is an {@link dev.outbox.OutboxException}.
 */
package dev.outbox;
