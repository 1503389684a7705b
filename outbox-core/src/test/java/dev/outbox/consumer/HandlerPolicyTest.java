package dev.outbox.consumer;

import dev.outbox.ActionKind;
import dev.outbox.Actor;
import dev.outbox.MessageKind;
import dev.outbox.OutboxConfigurationException;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageIds;
import dev.outbox.envelope.Payload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerPolicyTest {

    private static final HandlerPolicy PLAYERS_ONLY = HandlerPolicy.from("game").permissions("player");
    private static final HandlerPolicy PLAYERS_OR_SYSTEM = HandlerPolicy.from("game").permissions("player").acceptSystemWithoutPermissions();

    @Test
    void requiredPermissionsRefuseSystemActionsByDefault() {
        assertThat(PLAYERS_ONLY.refusal(sentBy("game", Actor.system())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("SYSTEM action cannot hold the user permissions [player]"));
    }

    @Test
    void systemActionIsAcceptedWithoutPermissionsWhenThePolicySaysSo() {
        assertThat(PLAYERS_OR_SYSTEM.refusal(sentBy("game", Actor.system()))).isEmpty();
    }

    @Test
    void userWithoutThePermissionIsStillRefusedWhereSystemActionsAreAccepted() {
        assertThat(PLAYERS_OR_SYSTEM.refusal(sentBy("game", Actor.user("olga", Set.of("organizer")))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("user 'olga' lacks permissions [player]"));
        assertThat(PLAYERS_OR_SYSTEM.refusal(sentBy("game", Actor.proxiedUser("olga", Set.of())))).isPresent();
        assertThat(PLAYERS_OR_SYSTEM.refusal(sentBy("game", Actor.user("bob", Set.of("player"))))).isEmpty();
    }

    @Test
    void systemActionFromAnotherSenderIsStillRefused() {
        assertThat(PLAYERS_OR_SYSTEM.refusal(sentBy("scheduler", Actor.system())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("sender 'scheduler' may not send"));
    }

    @Test
    void acceptingSystemActionsWithoutListingSystemIsAConfigurationError() {
        assertThatThrownBy(() -> HandlerPolicy.from("game").actions(ActionKind.USER).permissions("player").acceptSystemWithoutPermissions())
                .isInstanceOf(OutboxConfigurationException.class)
                .hasMessageContaining("must list SYSTEM among its actions");
    }

    private static Envelope sentBy(String sender, Actor actor) {
        return new Envelope(MessageIds.next(), MessageKind.COMMAND, "notification.NotifyPlayers", "notification.commands", "game:1",
                Payload.json("{}"), Map.of(), Instant.now(), null, null, null, sender, actor, null);
    }
}
