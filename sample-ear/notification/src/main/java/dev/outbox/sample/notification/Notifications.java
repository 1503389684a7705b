package dev.outbox.sample.notification;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads notifications: each player sees only their own. */
@Stateless
@DeclareRoles("player")
@RolesAllowed("player")
public class Notifications {

    @Resource(lookup = NotificationSchema.DATASOURCE)
    DataSource dataSource;

    @Resource
    SessionContext session;

    /** @return the caller's notifications, oldest first */
    public List<Notification> mine() {
        String recipient = session.getCallerPrincipal().getName();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id, text, sender, actor_kind, actor_user, message_id,"
                     + " created_at FROM notification WHERE recipient = ? ORDER BY id")) {
            select.setString(1, recipient);
            List<Notification> notifications = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    notifications.add(new Notification(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getObject(6, UUID.class), rows.getTimestamp(7).toInstant()));
                }
            }
            return notifications;
        } catch (SQLException e) {
            throw new EJBException("could not read the notifications of " + recipient, e);
        }
    }
}
