package dev.outbox.sample.notification;

import dev.outbox.ActionKind;
import dev.outbox.consumer.HandlesMessage;
import dev.outbox.consumer.ReceivedMessage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Stores one notification per player named in the command. Only the game service may ask: for a
 * player acting (in person or through a service), who must hold {@code player}, or as a system
 * action, when the game backend tells players that the session backend logged one of them out
 * after inactivity; nobody asked for that, so no user's permission can be required. A user
 * without {@code player} is still refused. Scoped to the notification consumer: other backends of
 * the EAR have listeners of their own.
 */
@ApplicationScoped
public class NotifyPlayersHandler {

    public static final String TYPE = "notification.NotifyPlayers";

    @Resource(lookup = NotificationSchema.DATASOURCE)
    DataSource dataSource;

    @HandlesMessage(value = TYPE, from = "game", actions = {ActionKind.USER, ActionKind.PROXIED_USER, ActionKind.SYSTEM},
            permissions = "player", systemWithoutPermissions = true, consumers = NotificationListener.CONSUMER)
    public void notifyPlayers(NotifyPlayers command, ReceivedMessage message) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement settings = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO notification"
                     + " (recipient, text, message_id, sender, actor_kind, actor_user) VALUES (?, ?, ?, ?, ?, ?)"
                     + " ON CONFLICT (message_id, recipient) DO NOTHING")) {
            // Wait at most two seconds for a row another transaction is writing, then fail and be
            // redelivered, rather than hold a consumer thread for as long as that transaction lasts.
            settings.execute("SET LOCAL lock_timeout = '2s'");
            for (String player : command.players()) {
                insert.setString(1, player);
                insert.setString(2, command.text());
                insert.setObject(3, message.id());
                insert.setString(4, message.sender());
                insert.setString(5, message.actor().kind().name());
                insert.setString(6, message.actor().userId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
