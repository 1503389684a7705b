package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.outbox.sample.Concerts.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page and the API it reads the message flow from, over plain HTTP (no browser needed): the
 * page loads without a login, the flow needs one, malformed parameters are refused by name, and a
 * handled message whose outbox row is gone is still shown from the consumer's inbox.
 */
class FlowApiIT extends OnWildFly {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void pageAndItsScriptsLoadWithoutALogin() throws Exception {
        HttpResponse<String> page = anonymous("/sample/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("WWW-Authenticate")).as("no login prompt for the page").isEmpty();
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/page.js\">");

        HttpResponse<String> script = anonymous("/sample/js/page.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .as("browsers run a module only when it is served as JavaScript")
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void flowIsReadOnlyByAKnownUser() throws Exception {
        assertThat(anonymous("/sample/api/flow").statusCode()).isEqualTo(401);
        assertThat(Player.named("dave").get("flow").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedParametersAreRefusedByName() throws Exception {
        Player dave = Player.named("dave");

        HttpResponse<String> since = dave.get("flow?since=yesterday");
        assertThat(since.statusCode()).isEqualTo(400);
        assertThat(Player.json(since).getString("error"))
                .isEqualTo("since must be an ISO-8601 instant such as 2026-12-03T10:15:30.123Z, was 'yesterday'");
        for (String limit : new String[] {"0", "501", "many"}) {
            HttpResponse<String> refused = dave.get("flow?limit=" + limit);
            assertThat(refused.statusCode()).as("limit=%s", limit).isEqualTo(400);
            assertThat(Player.json(refused).getString("error")).isEqualTo("limit must be a whole number from 1 to 500, was '" + limit + "'");
        }
        assertThat(flow(dave, "flow?since=" + Instant.now().plus(1, ChronoUnit.HOURS))).as("nothing sent in the future").isEmpty();
        HttpResponse<String> quiet = dave.get("flow?quiet=yes");
        assertThat(quiet.statusCode()).isEqualTo(400);
        assertThat(Player.json(quiet).getString("error")).isEqualTo("quiet must be true or false, was 'yes'");
    }

    /**
     * The scheduler's check runs every second here and mostly logs nobody out: the quiet flow
     * leaves those runs out, and keeps the run that logged oscar out, with the event it caused.
     */
    @Test
    void quietFlowLeavesOutTheChecksThatLoggedNobodyOutAndKeepsTheOneThatDid() throws Exception {
        Player oscar = Player.named("oscar");
        Lobby.login(oscar, "PT1S");
        String run = Lobby.awaitLoggedOut(oscar).getString("endedByMessage");
        UUID event = Concerts.await("oscar's logout event in the flow", () -> loggedOutEvent(oscar, run), e -> true);

        List<JsonObject> quiet = flow(oscar, "flow?limit=500&quiet=true").getValuesAs(JsonObject.class);
        assertThat(quiet).extracting(e -> e.getString("id")).contains(run, event.toString());
        List<String> checks = quiet.stream().filter(e -> e.getString("type").equals("session.LogoutInactiveUsers"))
                .map(e -> e.getString("id")).toList();
        for (String check : checks) {
            assertThat(causedAMessage(UUID.fromString(check))).as("check %s in the quiet flow logged someone out", check).isTrue();
        }

        List<JsonObject> all = flow(oscar, "flow?limit=500").getValuesAs(JsonObject.class);
        assertThat(all).as("the full flow has the checks that logged nobody out")
                .anySatisfy(e -> {
                    assertThat(e.getString("type")).isEqualTo("session.LogoutInactiveUsers");
                    assertThat(causedAMessage(UUID.fromString(e.getString("id")))).isFalse();
                });
    }

    /** @return the id of the session backend's event for oscar's logout, caused by the run, or {@code null} before it is sent */
    private static UUID loggedOutEvent(Player player, String run) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM outbox_message WHERE message_type = 'session.UserLoggedOut' AND message_key = ? AND causation_id = ?::uuid")) {
            select.setString(1, "user:" + player.name());
            select.setString(2, run);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getObject(1, UUID.class) : null;
            }
        }
    }

    private static boolean causedAMessage(UUID id) {
        try (Connection connection = SampleEnvironment.database().connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM outbox_message WHERE causation_id = ?)")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * With {@code delete-after-insert}, or in WAL mode, the sender keeps no outbox row; the inbox
     * still tells which message made the consumer act, from whom and for whom.
     */
    @Test
    void handledMessageWhoseOutboxRowIsGoneIsShownFromTheInbox() throws Exception {
        Player heidi = Player.named("heidi");
        long booking = Concerts.book(heidi);
        Concerts.awaitPaymentState(heidi, booking, "CAPTURED");
        UUID charge = chargeOf(booking);
        JsonObject sent = entry(heidi, charge).orElseThrow(() -> new AssertionError("charge " + charge + " not in the flow"));
        assertThat(sent.getString("kind")).isEqualTo("COMMAND");
        assertThat(sent.getString("destination")).isEqualTo("payment.commands");
        assertThat(sent.getString("key")).isEqualTo("booking:" + booking);
        assertThat(text(sent, "sentAt")).isNotNull();

        delete(charge);

        JsonObject handled = entry(heidi, charge).orElseThrow(() -> new AssertionError("charge " + charge + " gone from the flow"));
        assertThat(handled.getString("type")).isEqualTo("payment.Charge");
        assertThat(handled.getString("sender")).isEqualTo("tickets");
        assertThat(handled.getString("actorKind")).isEqualTo("USER");
        assertThat(handled.getString("actorUser")).isEqualTo("heidi");
        assertThat(handled.getJsonArray("actorPermissions").getString(0)).isEqualTo("player");
        assertThat(text(handled, "sentAt")).as("not kept by the sender").isNull();
        assertThat(text(handled, "destination")).isNull();
        JsonArray consumers = handled.getJsonArray("handledBy");
        assertThat(consumers).hasSize(1);
        assertThat(consumers.getJsonObject(0).getString("consumer")).isEqualTo("payment");
        assertThat(consumers.getJsonObject(0).getString("handledAt")).isEqualTo(sent.getJsonArray("handledBy").getJsonObject(0).getString("handledAt"));
    }

    private static HttpResponse<String> anonymous(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + Integer.getInteger("sample.test.http-port") + path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonArray flow(Player player, String path) throws Exception {
        HttpResponse<String> response = player.get(path);
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static Optional<JsonObject> entry(Player player, UUID id) throws Exception {
        return flow(player, "flow?limit=500").getValuesAs(JsonObject.class).stream().filter(e -> e.getString("id").equals(id.toString())).findFirst();
    }

    private static UUID chargeOf(long booking) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM outbox_message WHERE message_type = 'payment.Charge' AND message_key = ?")) {
            select.setString(1, "booking:" + booking);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("the charge of booking %d", booking).isTrue();
                return rows.getObject(1, UUID.class);
            }
        }
    }

    /** What {@code outbox.table.delete-after-insert} does in the sender's transaction; the relay ignores deletes. */
    private static void delete(UUID id) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_message WHERE id = ?")) {
            delete.setObject(1, id);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }
}
