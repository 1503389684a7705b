package dev.outbox.sample.game;

import jakarta.ejb.ApplicationException;

/** The caller asked to leave a game they are not playing in; everything done so far rolls back. */
@ApplicationException(rollback = true)
public class NotInGameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotInGameException(String player, long gameId) {
        super(player + " is not a player of game " + gameId);
    }
}
