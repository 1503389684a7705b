package dev.outbox.sample.game;

import java.util.List;

/**
 * The command the game backend sends the notification backend: tell these players this text.
 * The notification backend has its own class for it; the two agree on the JSON only.
 *
 * @param gameId  the game the notification is about
 * @param players who is told
 * @param text    what they are told
 */
public record NotifyPlayers(long gameId, List<String> players, String text) {

    /** The message type, as the notification backend's handler declares it. */
    public static final String TYPE = "notification.NotifyPlayers";

    /** The queue the notification backend reads its commands from. */
    public static final String DESTINATION = "notification.commands";
}
