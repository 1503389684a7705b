package dev.outbox.sample.notification;

import dev.outbox.ActionKind;
import dev.outbox.consumer.HandlesMessage;
import dev.outbox.consumer.ReceivedMessage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Stores a notification for one user, on the payment service's request. Also accepted as a system
 * action: a refund after a missed deadline is the system's doing, and its user is named in the
 * payload, not borrowed as the actor. No permission is required, since a system action holds none.
 */
@ApplicationScoped
public class NotifyUserHandler {

    public static final String TYPE = "notification.NotifyUser";

    @Resource(lookup = NotificationSchema.DATASOURCE)
    DataSource dataSource;

    @HandlesMessage(value = TYPE, from = "payment", consumers = NotificationListener.CONSUMER)
    public void notifyUser(NotifyUser command, ReceivedMessage message) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO notification"
                     + " (recipient, text, message_id, sender, actor_kind, actor_user) VALUES (?, ?, ?, ?, ?, ?)"
                     + " ON CONFLICT (message_id, recipient) DO NOTHING")) {
            insert.setString(1, command.recipient());
            insert.setString(2, command.text());
            insert.setObject(3, message.id());
            insert.setString(4, message.sender());
            insert.setString(5, message.actor().kind().name());
            insert.setString(6, message.actor().userId());
            insert.executeUpdate();
        }
    }
}
