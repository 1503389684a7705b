/** Implementation of the outbox and its CDI integration; no compatibility promise. */
package dev.outbox.internal;
