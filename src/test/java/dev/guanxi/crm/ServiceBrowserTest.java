package dev.guanxi.crm;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.service.internal.SurveyLinks;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.Browser;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Customer service in a real browser: a complaint walked to closed, the customer's CSAT answer, the dashboard. */
@IntegrationTest
@ExtendWith(Browser.PerTest.class)
class ServiceBrowserTest {

    private static final Path SCREENSHOT = Path.of("target/screenshots/service-dashboard.png");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SurveyLinks links;

    @Test
    void agentWalksAComplaintToClosedAndTheCustomersCsatAnswerShowsOnTheDashboard(Browser browser) {
        WebDriver driver = browser.driver();
        WebDriverWait wait = browser.waits();
        Account agent = new TestAccounts(context).user(Role.SERVICE_AGENT, null);
        String company = "浏览器客户 " + System.nanoTime();
        Api.Response created = new Api(port, agent.token()).post("/api/v1/customers", Api.json(Map.of(
                "kind", "ORGANIZATION", "name", company, "customerType", "BUSINESS")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long customerId = created.json().get("id").asLong();

        browser.logIn(agent);
        browser.open("/service/tickets/new?customerId=" + customerId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ticket-form")));
        assertThat(driver.findElement(By.id("customerId")).getDomProperty("value")).isEqualTo(Long.toString(customerId));
        new Select(driver.findElement(By.id("type"))).selectByValue("COMPLAINT");
        new Select(driver.findElement(By.id("channel"))).selectByValue("PHONE");
        new Select(driver.findElement(By.id("priority"))).selectByValue("URGENT");
        driver.findElement(By.id("subject")).sendKeys("茶叶包装破损 Broken tea box");
        driver.findElement(By.id("description")).sendKeys("客户来电：收到的龙井礼盒外包装破损。");
        driver.findElement(By.id("save-ticket")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-subject"), "茶叶包装破损 Broken tea box"));
        String ticketUrl = driver.getCurrentUrl();
        long ticketId = Long.parseLong(ticketUrl.substring(ticketUrl.lastIndexOf('/') + 1));

        // each step of the complaint workflow is a form on the ticket page asking for what that step needs
        driver.findElement(By.id("keyPoints")).sendKeys("礼盒外包装破损，茶叶完好");
        new Select(driver.findElement(By.id("cause"))).selectByValue("PRODUCT_QUALITY");
        assertThat(driver.findElement(By.id("valid-yes")).isSelected()).isTrue();
        move(browser, "RECORDED", "Recorded");
        driver.findElement(By.id("solution")).sendKeys("补发一盒新包装的龙井");
        move(browser, "SOLUTION_PROPOSED", "Solution proposed");
        move(browser, "CUSTOMER_CONFIRMED", "Customer confirmed");
        driver.findElement(By.id("followUp")).sendKeys("客户已收到补发，表示满意");
        move(browser, "FOLLOWED_UP", "Followed up");
        move(browser, "CLOSED", "Closed");
        assertThat(driver.findElements(By.id("workflow"))).isEmpty();
        assertThat(driver.findElement(By.id("complaint-facts")).getText())
                .contains("礼盒外包装破损，茶叶完好", "补发一盒新包装的龙井", "客户已收到补发，表示满意");

        // closing sends the customer a CSAT survey (after the commit, through an event)
        long invitation = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT id FROM survey_invitations WHERE ticket_id = ? AND kind = 'CSAT'")
                .param(ticketId).query(Long.class).optional(), Optional::isPresent).orElseThrow();
        Instant expires = jdbc.sql("SELECT expires_at FROM survey_invitations WHERE id = ?").param(invitation)
                .query(Timestamp.class).single().toInstant();
        long answered = jdbc.sql("SELECT count(*) FROM survey_invitations WHERE kind = 'CSAT' AND answered_at IS NOT NULL "
                + "AND answered_at > now() - interval '11 months'").query(Long.class).single();

        browser.logOut();
        browser.open("/s/" + links.token(invitation, expires) + "?lang=en");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("survey-form")));
        assertThat(driver.findElement(By.id("survey-question")).getText()).isNotBlank();
        driver.findElement(By.cssSelector("label[for=score-5]")).click();
        assertThat(driver.findElement(By.id("score-5")).isSelected()).isTrue();
        driver.findElement(By.id("comment")).sendKeys("补发很快，谢谢！");
        driver.findElement(By.id("survey-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("survey-thanks")));
        assertThat(jdbc.sql("SELECT score || ' ' || comment FROM survey_invitations WHERE id = ?").param(invitation)
                .query(String.class).single()).isEqualTo("5 补发很快，谢谢！");

        browser.logIn(agent);
        // tall enough for the whole dashboard in the screenshot; set before the charts are drawn
        driver.manage().window().setSize(new Dimension(1400, 1300));
        browser.open("/service?lang=en");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-csat")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("satisfaction-trend"),
                (answered == 0 ? "· 1 answer" : "· " + (answered + 1) + " answers")));
        // both charts were drawn by Chart.js and have finished animating (else the screenshot catches points mid-way)
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return ['open-chart', 'satisfaction-chart'].every(function (id) {"
                        + " var chart = Chart.getChart(id); return !!chart && !Chart.animator.running(chart); });")));
        assertThat(browser.screenshot(SCREENSHOT)).isNotEmptyFile();
    }

    /** Submits the workflow form that moves the ticket to {@code status} and waits for the new status badge. */
    private static void move(Browser browser, String status, String label) {
        browser.driver().findElement(By.cssSelector("#step-" + status + " button[type=submit]")).click();
        browser.waits().until(ExpectedConditions.textToBe(By.id("ticket-status"), label));
    }
}
