package dev.outbox.sample.tickets;

/** The deadline of a booking: delivered when the organizer's time to confirm is up. */
public record BookingDeadline(long bookingId) {

    public static final String TYPE = "tickets.BookingDeadline";
    /** The tickets backend's own queue: it sends the deadline to itself, for later. */
    public static final String DESTINATION = "tickets.commands";
}
