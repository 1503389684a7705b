package dev.outbox.sample.web;

import dev.outbox.sample.payment.Payment;
import dev.outbox.sample.payment.Payments;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The caller's payments. */
@Path("payments")
@RequestScoped
public class PaymentResource {

    @Inject
    Payments payments;

    /** The caller's payment for a booking, with its charges and refunds; 404 until it is charged. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Payment forBooking(@QueryParam("booking") long bookingId) {
        return payments.forBooking(bookingId).orElseThrow(() -> new NotFoundException("no payment for booking " + bookingId));
    }
}
