package dev.outbox.sample.game;

/**
 * A player of a game as the user backend let the viewer see them.
 *
 * @param name        the player's user name
 * @param displayName public; {@code null} when the user backend has no profile of them
 * @param visibility  {@code FULL} (the viewer's own), {@code PUBLIC}, or {@code NONE} without a profile
 * @param email       only in the viewer's own profile
 * @param phone       only in the viewer's own profile
 */
public record PlayerProfile(String name, String displayName, String visibility, String email, String phone) {

    static PlayerProfile withoutProfile(String name) {
        return new PlayerProfile(name, null, "NONE", null, null);
    }
}
