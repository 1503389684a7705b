package dev.outbox.sample.web;

import dev.outbox.sample.tickets.Booking;
import dev.outbox.sample.tickets.Bookings;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Concert bookings: players book and pay, organizers confirm. */
@Path("tickets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    @Inject
    Bookings bookings;

    /** The caller books a ticket and pays; the booking waits for the organizer until its deadline. */
    @POST
    @Path("concerts/{concertId}/bookings")
    public Booking book(@PathParam("concertId") long concertId) {
        return bookings.book(concertId);
    }

    /** The booking, for its holder or an organizer; 404 otherwise. */
    @GET
    @Path("bookings/{bookingId}")
    public Booking booking(@PathParam("bookingId") long bookingId) {
        return bookings.find(bookingId);
    }

    /** An organizer confirms; 409 once the deadline passed or the booking was cancelled, nothing changed. */
    @POST
    @Path("bookings/{bookingId}/confirm")
    public Booking confirm(@PathParam("bookingId") long bookingId) {
        return bookings.confirm(bookingId);
    }
}
