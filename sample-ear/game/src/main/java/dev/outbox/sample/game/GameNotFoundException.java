package dev.outbox.sample.game;

import jakarta.ejb.ApplicationException;

/** There is no game with the id asked for. */
@ApplicationException(rollback = true)
public class GameNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GameNotFoundException(long gameId) {
        super("there is no game " + gameId);
    }
}
