package dev.outbox.sample;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Headless Chromium for the tests of a test class, driven through Selenium and the system's
 * chromedriver. Register it as a static field with {@code @RegisterExtension}; the tests get the
 * driver from {@link #driver()}.
 *
 * <p>Where the browser is missing, the test class is skipped with a message that says how to
 * install it, unless the environment variable {@value #REQUIRED} is {@code true} (as in CI): then
 * a missing browser fails the build. The binaries are {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} (Debian's packages {@code chromium} and {@code chromium-driver}),
 * or where the system properties {@code sample.test.chromium} and {@code sample.test.chromedriver}
 * say. Selenium Manager is never asked to find or download anything: the driver is given.
 *
 * <p>When a test fails, the page's screenshot and HTML are kept in {@code target/browser/}.
 */
final class Browser implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback {

    static final String REQUIRED = "OUTBOX_REQUIRE_BROWSER";
    private static final String INSTALL = "install it with 'apt-get install chromium chromium-driver' (Debian, Ubuntu),"
            + " or point -Dsample.test.chromium and -Dsample.test.chromedriver at a Chromium and its matching chromedriver";

    // Selenium warns at every start that it has no DevTools classes for this Chromium; none are used.
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private final Path chromium = Path.of(System.getProperty("sample.test.chromium", "/usr/bin/chromium"));
    private final Path chromedriver = Path.of(System.getProperty("sample.test.chromedriver", "/usr/bin/chromedriver"));
    private final Path output = Path.of(System.getProperty("java.io.tmpdir"), "browser");
    private ChromeDriver driver;

    WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("the browser is not running: register Browser with @RegisterExtension on a static field");
        }
        return driver;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chromium)) {
            missing.add("Chromium (" + chromium + ")");
        }
        if (!Files.isExecutable(chromedriver)) {
            missing.add("chromedriver (" + chromedriver + ")");
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Chromium " + chromium + " and " + chromedriver + " found");
        }
        String problem = "The browser tests of the sample's page need " + String.join(" and ", missing) + ": " + INSTALL + ".";
        if (Boolean.parseBoolean(System.getenv(REQUIRED))) {
            throw new IllegalStateException(problem + " (" + REQUIRED + "=true, so a missing browser fails the build)");
        }
        System.err.printf("%n********************************************************************************%n"
                + "SKIPPED %s: %s%nSet %s=true to make this a failure.%n"
                + "********************************************************************************%n%n",
                context.getDisplayName(), problem, REQUIRED);
        return ConditionEvaluationResult.disabled(problem);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        Files.createDirectories(output);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // A fresh profile each run; no sandbox (tests often run as root in containers); and nothing
        // that reaches out to the internet, which a build machine may not have (Chromium's
        // background connections would be refused and slow it down).
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server",
                "--window-size=1400,1200",
                "--user-data-dir=" + Files.createTempDirectory(output, "chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(output.resolve("chromedriver.log").toFile())
                .build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty() || driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Files.write(output.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(output.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            System.err.println("the page as the failed test left it: " + output.resolve(name + ".png"));
        } catch (RuntimeException | IOException e) {
            System.err.println("could not keep the page of the failed test: " + e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
