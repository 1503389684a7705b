package dev.outbox;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the datasource the outbox writes to, when it is not the one named by the
 * {@code outbox.datasource} setting:
 *
 * <pre>{@code
 * @Produces @OutboxDataSource
 * @Resource(lookup = "java:jboss/datasources/GameDS")
 * DataSource gameDataSource;
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface OutboxDataSource {
}
