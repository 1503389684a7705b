package dev.outbox.sample.game;

import java.util.List;

/**
 * A game and who plays in it.
 *
 * @param id      the game's number
 * @param name    its name
 * @param players its players, by name
 */
public record Game(long id, String name, List<String> players) {
}
