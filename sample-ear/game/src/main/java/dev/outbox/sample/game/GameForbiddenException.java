package dev.outbox.sample.game;

/** The user may not see the game (not one of its players, or lacking the permission): answered with 403. */
public class GameForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GameForbiddenException(String message) {
        super(message);
    }
}
