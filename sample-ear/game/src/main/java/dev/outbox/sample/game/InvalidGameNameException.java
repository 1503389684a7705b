package dev.outbox.sample.game;

import jakarta.ejb.ApplicationException;

/** A game was to be created with a name it cannot have. */
@ApplicationException(rollback = true)
public class InvalidGameNameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidGameNameException(String message) {
        super(message);
    }
}
