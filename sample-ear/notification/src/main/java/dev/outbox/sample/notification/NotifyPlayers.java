package dev.outbox.sample.notification;

import java.util.List;

/**
 * The command that asks this backend to tell players something; read from the message's JSON.
 *
 * @param gameId  the game it is about
 * @param players who is told
 * @param text    what they are told
 */
public record NotifyPlayers(long gameId, List<String> players, String text) {
}
