package dev.outbox.sample.web;

import dev.outbox.sample.notification.Notification;
import dev.outbox.sample.notification.Notifications;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The authenticated player's notifications. */
@Path("notifications")
@RequestScoped
public class NotificationResource {

    @Inject
    Notifications notifications;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Notification> mine() {
        return notifications.mine();
    }
}
