package dev.outbox.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail of a message, read (only) from the outbox: the message, the message whose
 * handling sent it, and so on back to the first, with each one's sender and actor.
 */
final class Causes {

    /** One message of the trail. */
    record Step(String type, String sender, String actorKind, String actorUser, UUID correlationId) {
    }

    private Causes() {
    }

    /** @return the trail, the given message first */
    static List<Step> of(UUID messageId) throws Exception {
        List<Step> steps = new ArrayList<>();
        try (Connection connection = SampleEnvironment.database().connection();
             PreparedStatement select = connection.prepareStatement("SELECT message_type, sender_service, actor_kind, actor_user,"
                     + " correlation_id, causation_id FROM outbox_message WHERE id = ?")) {
            UUID next = messageId;
            while (next != null && steps.size() < 10) {
                select.setObject(1, next);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        break;
                    }
                    steps.add(new Step(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getObject(5, UUID.class)));
                    next = rows.getObject(6, UUID.class);
                }
            }
        }
        return steps;
    }
}
