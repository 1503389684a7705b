package dev.outbox.relay;

import dev.outbox.OutboxException;
import dev.outbox.consumer.DeadLetters;
import dev.outbox.consumer.JmsDeadLetterSink;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Lists and replays a consumer's dead letters from the command line, with the broker settings the
 * relay uses:
 *
 * <pre>
 * java -cp outbox-relay.jar dev.outbox.relay.DeadLetterTool list   --consumer notification
 * java -cp outbox-relay.jar dev.outbox.relay.DeadLetterTool replay --consumer notification --key game:42
 * java -cp outbox-relay.jar dev.outbox.relay.DeadLetterTool replay --consumer notification --id 0192f3c4-...
 * </pre>
 */
public final class DeadLetterTool {

    static final String USAGE = """
            usage: DeadLetterTool list   --consumer NAME
                   DeadLetterTool replay --consumer NAME (--key KEY | --id MESSAGE_ID)
            broker: OUTBOX_BROKER_URL, OUTBOX_BROKER_USER, OUTBOX_BROKER_PASSWORD
            dead-letter address: OUTBOX_CONSUMER_DEAD_LETTER_ADDRESS (default outbox.dead-letters)""";

    private DeadLetterTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System::getenv, System.out, System.err));
    }

    /** @return the exit code: 0 done, 1 the broker refused, 2 bad arguments */
    static int run(String[] args, Function<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0 || !List.of("list", "replay").contains(args[0])) {
            err.println(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("expected --option value, got '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String consumer = options.get("consumer");
        if (consumer == null || (args[0].equals("replay") && (options.containsKey("key") == options.containsKey("id")))) {
            err.println(USAGE);
            return 2;
        }
        String address = orDefault(environment.apply("OUTBOX_CONSUMER_DEAD_LETTER_ADDRESS"), JmsDeadLetterSink.DEFAULT_ADDRESS);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                orDefault(environment.apply("OUTBOX_BROKER_URL"), "tcp://localhost:61616"),
                environment.apply("OUTBOX_BROKER_USER"), environment.apply("OUTBOX_BROKER_PASSWORD"))) {
            DeadLetters deadLetters = DeadLetters.at(factory, address);
            if (args[0].equals("list")) {
                List<DeadLetters.Entry> entries = deadLetters.list(consumer);
                for (DeadLetters.Entry entry : entries) {
                    out.printf("%s  %-28s %-20s %-14s %s  %s%n", entry.at(), entry.type(), entry.key(), entry.reason(), entry.messageId(),
                            entry.error());
                }
                out.println(entries.size() + " dead letter(s) of " + consumer + " at " + address);
            } else {
                int replayed = options.containsKey("key")
                        ? deadLetters.replayKey(consumer, options.get("key"))
                        : deadLetters.replay(consumer, UUID.fromString(options.get("id")));
                out.println("replayed " + replayed + " dead letter(s) of " + consumer);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("--id must be a message id (UUID): " + e.getMessage());
            return 2;
        } catch (OutboxException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
