package dev.outbox.sample.tickets;

import jakarta.ejb.ApplicationException;

/** No such booking or concert, or not one the caller may see. */
@ApplicationException(rollback = true)
public class BookingNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BookingNotFoundException(String message) {
        super(message);
    }
}
