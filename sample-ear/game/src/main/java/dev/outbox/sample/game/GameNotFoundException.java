package dev.outbox.sample.game;

/** No such game: answered with 404. */
public class GameNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GameNotFoundException(long gameId) {
        super("no game " + gameId);
    }
}
