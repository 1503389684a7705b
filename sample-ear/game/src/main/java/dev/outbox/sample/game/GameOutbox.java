package dev.outbox.sample.game;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The outbox of the game service, configured under {@code game.outbox.*}. A qualifier rather than
 * the plain {@code Outbox}: other services of the same EAR have outboxes of their own, each
 * signing as itself.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface GameOutbox {
}
