package dev.outbox.sample.tickets;

import jakarta.ejb.ApplicationException;

/** A confirmation came after the booking's deadline or its cancellation; nothing is changed. */
@ApplicationException(rollback = true)
public class BookingClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BookingClosedException(String message) {
        super(message);
    }
}
