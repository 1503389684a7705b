package dev.outbox.internal;

import dev.outbox.consumer.HandlesMessage;
import dev.outbox.consumer.ReceivedMessage;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every {@link HandlesMessage} method of the deployment's beans while the container starts,
 * and fails the deployment if one is malformed or a type has two handlers, rather than at the
 * first message.
 */
public class HandlerMethods implements Extension {

    /** A handler method and the bean that owns it. */
    public record Found(Bean<?> bean, Method method, HandlesMessage declaration) {

        /** @return whether this handler serves the named consumer */
        public boolean serves(String consumer) {
            return declaration.consumers().length == 0 || Arrays.asList(declaration.consumers()).contains(consumer);
        }

        boolean overlaps(Found other) {
            if (declaration.consumers().length == 0 || other.declaration.consumers().length == 0) {
                return true;
            }
            return Arrays.stream(declaration.consumers()).anyMatch(other::serves);
        }

        String where() {
            return method.getDeclaringClass().getName() + "." + method.getName();
        }
    }

    private final List<Found> found = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    <T> void collect(@Observes ProcessManagedBean<T> event) {
        for (AnnotatedMethod<? super T> annotated : event.getAnnotatedBeanClass().getMethods()) {
            HandlesMessage declaration = annotated.getAnnotation(HandlesMessage.class);
            if (declaration == null) {
                continue;
            }
            Method method = annotated.getJavaMember();
            Class<?>[] parameters = method.getParameterTypes();
            String where = method.getDeclaringClass().getName() + "." + method.getName();
            if (parameters.length < 1 || parameters.length > 2 || (parameters.length == 2 && parameters[1] != ReceivedMessage.class)) {
                problems.add(where + ": a @HandlesMessage method takes the payload and optionally a ReceivedMessage");
            } else if (declaration.from().length == 0) {
                problems.add(where + ": @HandlesMessage(from = ...) must name the services allowed to send " + declaration.value());
            } else {
                found.add(new Found(event.getBean(), method, declaration));
            }
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        Map<String, List<Found>> byType = new HashMap<>();
        for (Found handler : found) {
            List<Found> sameType = byType.computeIfAbsent(handler.declaration().value(), type -> new ArrayList<>());
            for (Found other : sameType) {
                if (handler.overlaps(other)) {
                    problems.add("message type " + handler.declaration().value() + " has two handlers for the same consumer: "
                            + other.where() + " and " + handler.where() + "; scope them with @HandlesMessage(consumers = ...)");
                }
            }
            sameType.add(handler);
        }
        for (String problem : problems) {
            event.addDeploymentProblem(new IllegalStateException(problem));
        }
    }

    public List<Found> handlers() {
        return List.copyOf(found);
    }
}
