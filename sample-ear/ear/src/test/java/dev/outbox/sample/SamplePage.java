package dev.outbox.sample;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sample's web page ({@code /sample/}) as a person uses it: choose who you are, press a
 * scenario's buttons, read the outcome, your notifications and the table of messages. Reads only
 * what the page shows.
 */
final class SamplePage {

    /** Delivery is asynchronous and the page refreshes every second; a loaded machine may take a while. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final WebDriver driver;

    private SamplePage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens the page, as served by the EAR, and waits until its scripts are running. */
    static SamplePage open(WebDriver driver) {
        driver.get("http://127.0.0.1:" + Integer.getInteger("sample.test.http-port") + "/sample/");
        SamplePage page = new SamplePage(driver);
        page.await("the page's scripts to start", d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return page;
    }

    String title() {
        return driver.getTitle();
    }

    void actAs(String user) {
        new Select(driver.findElement(By.id("user"))).selectByValue(user);
    }

    /** Presses "Leave the game" for the game; returns the outcome the panel shows. */
    String leaveGame(long gameId) {
        WebElement section = driver.findElement(By.id("scenario-1"));
        WebElement game = section.findElement(By.name("game"));
        game.clear();
        game.sendKeys(Long.toString(gameId));
        return press(section, "leave");
    }

    /** @return the id of the message the last successful leave sent, as the panel names it */
    Optional<String> leaveMessageId() {
        return Optional.ofNullable(driver.findElement(By.cssSelector("#scenario-1 [data-result]")).getDomAttribute("data-message-id"));
    }

    /** Presses "Show the game's players" for the game; returns the outcome the panel shows. */
    String gameDetails(long gameId) {
        WebElement section = driver.findElement(By.id("scenario-2"));
        WebElement game = section.findElement(By.name("game"));
        game.clear();
        game.sendKeys(Long.toString(gameId));
        return press(section, "details");
    }

    /** @return the rows of the game's players the panel shows, cell by cell; none while the table is hidden */
    List<List<String>> gamePlayers() {
        if (!driver.findElement(By.cssSelector("#scenario-2 [data-players]")).isDisplayed()) {
            return List.of();
        }
        return rows("#scenario-2 [data-players] tbody tr");
    }

    /** @return the rows of the audit of the user's own profile, newest first, only those of the last request */
    List<List<String>> profileAccessesOfThisRequest() {
        return rows("#scenario-2 [data-audit] tbody tr.this-request");
    }

    /** Logs in with the idle timeout (an ISO-8601 duration); returns the outcome the panel shows. */
    String login(String idleTimeout) {
        WebElement section = driver.findElement(By.id("scenario-3"));
        WebElement idle = section.findElement(By.name("idle"));
        idle.clear();
        idle.sendKeys(idleTimeout);
        return press(section, "login");
    }

    /** Presses "I am still here"; returns the outcome the panel shows. */
    String touch() {
        return press(driver.findElement(By.id("scenario-3")), "touch");
    }

    /** @return a field of the session panel: user, state, idleTimeout, lastActivityAt, endedAt, endedBy */
    String session(String field) {
        return driver.findElement(By.cssSelector("#scenario-3 [data-session] [data-field=" + field + "]")).getText();
    }

    /** Waits until the session panel's field shows the text (it refreshes every second). */
    String awaitSession(String field, String expected) {
        return await("session " + field + " '" + expected + "'", d -> {
            String value = session(field);
            return value.contains(expected) ? value : null;
        });
    }

    /** Presses "Book a ticket"; returns the outcome the panel shows. */
    String book() {
        return press(driver.findElement(By.id("scenario-4")), "book");
    }

    /** Presses "Confirm the booking"; returns the outcome the panel shows. */
    String confirm() {
        return press(driver.findElement(By.id("scenario-4")), "confirm");
    }

    /** @return a field of the booking panel: id, holder, state, confirmBy, confirmedBy, cancelledBy, payment */
    String booking(String field) {
        return driver.findElement(By.cssSelector("#scenario-4 [data-booking] [data-field=" + field + "]")).getText();
    }

    /** Waits until the booking panel's field shows the text (it refreshes every second). */
    String awaitBooking(String field, String expected) {
        return await("booking " + field + " '" + expected + "'", d -> {
            String value = booking(field);
            return value.contains(expected) ? value : null;
        });
    }

    /** @return the texts of the notifications the page shows the current user, by the message that asked for each */
    Map<String, String> notifications() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (WebElement item : driver.findElements(By.cssSelector("#notifications [data-list] li"))) {
            texts.put(item.getDomAttribute("data-message-id"), item.getText());
        }
        return texts;
    }

    String notificationsHeading() {
        return driver.findElement(By.cssSelector("#notifications h2")).getText();
    }

    /** @return the row of the message in the table of messages, column by column, once it shows */
    Map<String, String> awaitMessage(String messageId, Function<Map<String, String>, Boolean> until) {
        return await("message " + messageId + " in the table", d -> message(messageId).filter(until::apply).orElse(null));
    }

    Optional<Map<String, String>> message(String messageId) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#flow tbody tr[data-message-id='" + messageId + "']"));
        return rows.isEmpty() ? Optional.empty() : Optional.of(cells(rows.get(0)));
    }

    /** @return the rows of the table whose message has the key, by message type, column by column */
    Map<String, Map<String, String>> messagesWithKey(String key) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#flow tbody tr[data-key='" + key + "']"))) {
            rows.put(row.getDomAttribute("data-type"), cells(row));
        }
        return rows;
    }

    /** @return the id of the message of this type and key, as the table shows it */
    String messageId(String key, String type) {
        return driver.findElement(By.cssSelector("#flow tbody tr[data-key='" + key + "'][data-type='" + type + "']")).getDomAttribute("data-message-id");
    }

    /** Presses "Hide the messages so far". */
    void hideMessagesSoFar() {
        driver.findElement(By.cssSelector("#flow [data-action=clear]")).click();
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE)
                .pollingEvery(Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + what + "; the page showed:\n" + visibleText())
                .until(condition);
    }

    private String visibleText() {
        try {
            return driver.findElement(By.tagName("main")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private String press(WebElement section, String action) {
        WebElement result = section.findElement(By.cssSelector("[data-result]"));
        // The panel marks its outcome pending as soon as the button is pressed, so what is read
        // below is this press's outcome, not the previous one's.
        section.findElement(By.cssSelector("[data-action=" + action + "]")).click();
        return await("the outcome of '" + action + "'", d -> result.getDomAttribute("data-pending") == null ? result.getText() : null);
    }

    private List<List<String>> rows(String selector) {
        return driver.findElements(By.cssSelector(selector)).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    private static Map<String, String> cells(WebElement row) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (WebElement cell : row.findElements(By.tagName("td"))) {
            cells.put(cell.getDomAttribute("data-column"), cell.getText());
        }
        return cells;
    }
}
