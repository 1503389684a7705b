package dev.outbox.sample.game;

import java.util.List;
import java.util.UUID;

/**
 * A game as one of its players sees it.
 *
 * @param id            the game's number
 * @param name          its name
 * @param viewer        the user it was shown to
 * @param correlationId ties this answer to the user backend's audit of the calls made for it
 * @param players       its players, each as the user backend let the viewer see them
 */
public record GameDetails(long id, String name, String viewer, UUID correlationId, List<PlayerProfile> players) {
}
