package dev.outbox.sample;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's page in headless Chromium, played as a person would: choose a demo user, press a
 * scenario's buttons, then read the outcome, the notifications and the table of messages (which
 * message, from which service, acting for whom, handled by which consumer and when).
 *
 * <p>Skipped, loudly, where Chromium and chromedriver are not installed, unless
 * {@code OUTBOX_REQUIRE_BROWSER=true} (see {@link Browser}).
 */
class FlowPageIT extends OnWildFly {

    /** Game 3: LeaveGameIT plays game 1 with the same players, scenario 2 reads game 2. */
    private static final long GAME = 3;

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    private SamplePage page;

    @BeforeEach
    void openPage() {
        page = SamplePage.open(BROWSER.driver());
    }

    @Test
    void playerLeavingAGameShowsTheCommandHandledAndTheOtherPlayersNotification() {
        page.actAs("alice");
        String outcome = page.leaveGame(GAME);

        assertThat(outcome).startsWith("alice left game 3: message ");
        String messageId = page.leaveMessageId().orElseThrow(() -> new AssertionError("no message id shown: " + outcome));
        Map<String, String> row = page.awaitMessage(messageId, cells -> !cells.get("handled").isBlank());
        assertThat(row.get("message")).contains("notification.NotifyPlayers", "COMMAND to notification.commands", "key game:3");
        assertThat(row.get("sender")).isEqualTo("game");
        assertThat(row.get("actor")).isEqualTo("USER alice\npermissions: player");
        assertThat(row.get("consumer")).isEqualTo("notification");
        assertThat(row.get("handled")).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\(\\+\\d+ ms\\)");
        assertThat(row.get("sent")).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");

        page.actAs("bob");
        assertThat(page.notificationsHeading()).isEqualTo("bob's notifications");
        String told = page.await("bob's notification", d -> page.notifications().get(messageId));
        assertThat(told).startsWith("alice left Saturday darts").contains("from game, acting for USER alice");

        page.actAs("alice");
        String again = page.leaveGame(GAME);
        assertThat(again).isEqualTo("alice could not leave game 3: alice is not a player of game 3 (HTTP 409). Nothing was sent.");
        assertThat(page.leaveMessageId()).isEmpty();
        assertThat(page.notifications()).as("the player who left is not told").doesNotContainKey(messageId);
        assertThat(page.messagesWithKey("game:3")).as("the refused leave sent nothing").hasSize(1);

        page.hideMessagesSoFar();
        page.await("the table to leave out the messages so far", d -> page.message(messageId).isEmpty());
    }

    @Test
    void playerSeesAGamesPlayersAsTheUserServiceLetsThemSeeAndWhoAskedForTheirProfile() {
        page.actAs("alice");
        String outcome = page.gameDetails(2);

        assertThat(outcome).startsWith("Game 2, \"Sunday chess\", as alice may see it (the user service read each profile for alice; request ");
        assertThat(page.gamePlayers()).containsExactly(
                List.of("alice", "Alice Archer", "FULL", "alice@example.org", "+41 79 100 00 01"),
                List.of("bob", "Bob Baker", "PUBLIC", "", ""),
                List.of("dave", "Dave Dyer", "PUBLIC", "", ""));
        List<List<String>> audit = page.profileAccessesOfThisRequest();
        assertThat(audit).as("alice's own profile, read once for this request").hasSize(1);
        assertThat(audit.get(0).subList(1, 4)).containsExactly("game", "PROXIED_USER alice", "FULL");

        page.actAs("carol");
        assertThat(page.gameDetails(2)).isEqualTo("carol may not see game 2: carol is not a player of game 2:"
                + " only its players see its details (HTTP 403).");
        assertThat(page.gamePlayers()).as("nothing of the refused game shows").isEmpty();
    }

    @Test
    void idleUserIsLoggedOutByTheSchedulerAsTheSystemAndTheGameServiceTold() {
        page.actAs("peggy");
        assertThat(page.login("PT1S")).isEqualTo("peggy is logged in, and logged out after PT1S without activity.");
        assertThat(page.session("user")).isEqualTo("peggy");

        assertThat(page.awaitSession("state", "LOGGED_OUT")).isEqualTo("LOGGED_OUT");
        assertThat(page.session("endedBy")).isEqualTo("scheduler, acting as SYSTEM (INACTIVE)");
        Map<String, String> told = page.await("the game service's handling of peggy's logout", d -> {
            Map<String, String> row = page.messagesWithKey("user:peggy").get("session.UserLoggedOut");
            return row != null && !row.get("handled").isBlank() ? row : null;
        });
        assertRow(told, "session", "SYSTEM", "game");
        assertThat(told.get("message")).contains("EVENT to session.events", "caused by ");
        String check = told.get("message").replaceAll("(?s).*caused by ", "").trim();
        assertThat(page.message(check)).as("the scheduler's check that logged peggy out, among the quiet ones left out")
                .hasValueSatisfying(row -> assertRow(row, "scheduler", "SYSTEM", "session"));

        assertThat(page.touch()).startsWith("peggy is not logged in: ").endsWith("(HTTP 409).");
        assertThat(page.login("")).startsWith("peggy is logged in, and logged out after ");
        assertThat(page.session("state")).isEqualTo("ACTIVE");
    }

    @Test
    void bookingNobodyConfirmedShowsTheDeadlineCancellingRefundingAndTellingAsTheSystem() {
        page.actAs("erin");
        String booked = page.book();
        assertThat(booked).startsWith("erin booked ticket ");
        String booking = page.booking("id");
        String key = "booking:" + booking;

        assertThat(page.awaitBooking("state", "CANCELLED")).isEqualTo("CANCELLED");
        assertThat(page.booking("cancelledBy")).isEqualTo("tickets, acting as SYSTEM");
        assertThat(page.awaitBooking("payment", "REFUNDED"))
                .isEqualTo("REFUNDED: CHARGE 50.00 (tickets, USER erin), REFUND 50.00 (tickets, SYSTEM)");
        Map<String, Map<String, String>> flow = page.await("the four messages of " + key + " handled", d -> {
            Map<String, Map<String, String>> rows = page.messagesWithKey(key);
            return rows.size() == 4 && rows.values().stream().noneMatch(r -> r.get("handled").isBlank()) ? rows : null;
        });

        assertThat(flow).containsOnlyKeys("payment.Charge", "tickets.BookingDeadline", "payment.Refund", "notification.NotifyUser");
        assertRow(flow.get("payment.Charge"), "tickets", "USER erin\npermissions: player", "payment");
        assertRow(flow.get("tickets.BookingDeadline"), "tickets", "SYSTEM", "tickets");
        assertThat(flow.get("tickets.BookingDeadline").get("sent")).as("a scheduled message").contains("deliver at ");
        assertRow(flow.get("payment.Refund"), "tickets", "SYSTEM", "payment");
        assertThat(flow.get("payment.Refund").get("message"))
                .as("the compensation was caused by the deadline")
                .contains("caused by " + page.messageId(key, "tickets.BookingDeadline"));
        assertRow(flow.get("notification.NotifyUser"), "payment", "SYSTEM", "notification");
        assertThat(flow.get("notification.NotifyUser").get("message")).contains("caused by " + page.messageId(key, "payment.Refund"));

        String toldId = page.messageId(key, "notification.NotifyUser");
        String told = page.await("erin's notification", d -> page.notifications().get(toldId));
        assertThat(told).startsWith("Booking " + booking + " is cancelled and 50.00 refunded").contains("from payment, acting for SYSTEM");

        page.actAs("olga");
        assertThat(page.confirm()).startsWith("olga could not confirm booking " + booking + ": booking " + booking + " was cancelled")
                .endsWith("(HTTP 409).");
    }

    @Test
    void bookingTheOrganizerConfirmedInTimeStaysConfirmedWhenTheDeadlineComes() {
        page.actAs("erin");
        page.book();
        String booking = page.booking("id");
        String key = "booking:" + booking;
        page.actAs("olga");
        String confirmed = page.confirm();

        assertThat(confirmed).isEqualTo("olga confirmed booking " + booking + ".");
        assertThat(page.awaitBooking("confirmedBy", "olga")).isEqualTo("olga");
        Map<String, String> deadline = page.await("the deadline of " + key + " handled", d -> {
            Map<String, String> row = page.messagesWithKey(key).get("tickets.BookingDeadline");
            return row != null && !row.get("handled").isBlank() ? row : null;
        });
        assertRow(deadline, "tickets", "SYSTEM", "tickets");
        assertThat(page.booking("state")).isEqualTo("CONFIRMED");
        assertThat(page.messagesWithKey(key)).as("nothing to compensate").containsOnlyKeys("payment.Charge", "tickets.BookingDeadline");

        page.actAs("erin");
        assertThat(page.confirm()).isEqualTo("erin could not confirm booking " + booking + ": not allowed for this user (HTTP 403).");
        assertThat(page.awaitBooking("payment", "CAPTURED")).isEqualTo("CAPTURED: CHARGE 50.00 (tickets, USER erin)");
    }

    private static void assertRow(Map<String, String> row, String sender, String actor, String consumer) {
        assertThat(row.get("sender")).as("sender of %s", row).isEqualTo(sender);
        assertThat(row.get("actor")).as("actor of %s", row).isEqualTo(actor);
        assertThat(row.get("consumer")).as("consumer of %s", row).isEqualTo(consumer);
        assertThat(row.get("handled")).as("handled at, in %s", row).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\(\\+\\d+ ms\\)");
    }
}
