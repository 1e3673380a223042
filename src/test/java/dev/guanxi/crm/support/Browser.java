package dev.guanxi.crm.support;

import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A headless chromium (Debian's chromium + chromium-driver) for browser tests, on a fresh profile that is deleted on
 * {@link #close()}. In an {@code @IntegrationTest} class annotated {@code @ExtendWith(Browser.PerTest.class)}, a
 * test (or {@code @BeforeEach}) method takes a {@code Browser} parameter: one browser per test, pointed at the
 * application's port, quit after the test; the class is skipped with a clear message where the browser is missing.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final String base;
    private final Path profile;
    private final WebDriver driver;
    private final WebDriverWait wait;

    private Browser(int port, Path profile, WebDriver driver) {
        this.base = "http://localhost:" + port;
        this.profile = profile;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** Starts a browser per test for the parameters of type {@link Browser}; skips the class without chromium. */
    public static final class PerTest implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            assumeInstalled();
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Browser.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).computeIfAbsent(Browser.class, key -> {
                int port = SpringExtension.getApplicationContext(context).getEnvironment()
                        .getRequiredProperty("local.server.port", Integer.class);
                try {
                    return start(port);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Browser.class);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
            if (browser != null) {
                browser.close();
            }
        }
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); install them with: apt-get install -y chromium chromium-driver");
    }

    /** Starts a browser for the application listening on {@code port} of localhost. */
    public static Browser start(int port) throws IOException {
        Path profile = Files.createTempDirectory("guanxi-chromium-");
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1400,1000", "--lang=en-US", "--user-data-dir=" + profile,
                    // Bootstrap scrolls smoothly unless motion is reduced; a click must not land mid-scroll.
                    "--force-prefers-reduced-motion");
            // An explicit driver executable keeps Selenium Manager from looking for (and downloading) one.
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            return new Browser(port, profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            deleteProfile(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits up to 15 seconds, ignoring elements that went stale while the page changed. */
    public WebDriverWait waits() {
        return wait;
    }

    /** The absolute URL of an application path such as {@code /service}. */
    public String url(String path) {
        return base + path;
    }

    public void open(String path) {
        driver.get(url(path));
    }

    /** Logs in on the login page and waits for the customer list every user lands on. */
    public void logIn(Account account) {
        open("/login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(account.username());
        driver.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlMatches("/customers$"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-table")));
    }

    /** Logs out through the user menu of the navigation bar. */
    public void logOut() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
        // the button sits in a collapsed dropdown: submit its form rather than open the menu first
        driver.findElement(By.id("logout")).submit();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
    }

    /** Saves a screenshot of the current page (parent folders are created) and returns its path. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile(profile);
        }
    }

    private static void deleteProfile(Path profile) {
        try {
            FileSystemUtils.deleteRecursively(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
