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
        Map<String, String> byType = new HashMap<>();
        for (Found handler : found) {
            String where = handler.method().getDeclaringClass().getName() + "." + handler.method().getName();
            String previous = byType.putIfAbsent(handler.declaration().value(), where);
            if (previous != null) {
                problems.add("message type " + handler.declaration().value() + " has two handlers: " + previous + " and " + where);
            }
        }
        for (String problem : problems) {
            event.addDeploymentProblem(new IllegalStateException(problem));
        }
    }

    public List<Found> handlers() {
        return List.copyOf(found);
    }
}
