package dev.guanxi.crm.common.internal;

import dev.guanxi.crm.CrmApplication;
import dev.guanxi.crm.activity.internal.Reminders;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances on one database, as behind a load balancer: a session started on one is valid on the other
 * (Spring Session JDBC), and a scheduled job triggered on both at once runs once (ShedLock).
 */
class MultipleInstancesTest {

    private static final File SERVER_DIR = new File("target/test-postgres");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() throws SQLException {
        EmbeddedPostgres server = EmbeddedPostgresServer.acquire(SERVER_DIR, 0, true, false, "128MB");
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("DROP DATABASE IF EXISTS guanxi_instances");
            c.createStatement().execute("CREATE DATABASE guanxi_instances");
        }
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/guanxi_instances?user=postgres";
        // one after the other: the first migrates the schema and creates the admin
        a = start(url);
        b = start(url);
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(CrmApplication.class).run(
                "--server.port=0", "--guanxi.db.url=" + url, "--guanxi.db.user=postgres",
                // the shared test settings keep sessions in memory for MockMvc; these instances use the database
                "--spring.autoconfigure.exclude=",
                // the test triggers the job itself
                "--guanxi.events.resubmit-interval=PT1H", "--guanxi.activity.reminder-interval=PT1H");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        EmbeddedPostgresServer.release(SERVER_DIR);
    }

    @Test
    void sessionsAreStoredThroughTheThriftyRepository() {
        for (ConfigurableApplicationContext instance : java.util.List.of(a, b)) {
            assertThat(instance.getBeansOfType(org.springframework.session.SessionRepository.class).values())
                    .singleElement().extracting(r -> r.getClass().getSimpleName())
                    .isEqualTo("ThriftySessionRepository");
        }
    }

    @Test
    void aSessionStartedOnOneInstanceWorksOnTheOther() throws Exception {
        HttpResponse<String> loginPage = get(a, "/login", null);
        String anonymous = session(loginPage);
        HttpResponse<String> login = post(a, "/login", anonymous, Map.of("username", "admin",
                "password", "admin-test-password", "_csrf", csrf(loginPage)));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String session = session(login);

        HttpResponse<String> listOnB = get(b, "/customers", session);
        assertThat(listOnB.statusCode()).isEqualTo(200);
        assertThat(get(a, "/customers", session).statusCode()).isEqualTo(200);

        // a form rendered by B is accepted by A (the CSRF token lives in the shared session), and the flash
        // message A stores in the session is shown by B
        HttpResponse<String> created = post(a, "/customers", session, Map.of("_csrf", csrf(get(b, "/customers/new",
                session)), "kind", "PERSON", "name", "两台实例", "customerType", "CONSUMER", "settlement", "CASH",
                "version", "0"));
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/customers/\\d+");
        HttpResponse<String> shown = get(b, URI.create(location).getPath(), session);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("两台实例", "Customer created.");

        // an API call with a token from the same browser (Swagger UI, a script) leaves the web session as it is
        String token = "gx_instances" + System.nanoTime();
        jdbc(a).sql("""
                        INSERT INTO api_tokens (user_id, name, token_prefix, token_hash)
                        SELECT id, 'instances', substr(?, 1, 8), ? FROM users WHERE username = 'admin'""")
                .params(token, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)))).update();
        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(base(a) + "/api/v1/customers"))
                .header("Authorization", "Bearer " + token).GET(), session);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().allValues("Set-Cookie")).as("no session from the stateless API")
                .noneMatch(c -> c.startsWith("SESSION="));
        assertThat(get(b, "/customers", session).statusCode()).as("the web session still works").isEqualTo(200);

        assertThat(get(b, "/customers", null).statusCode()).as("without the cookie").isEqualTo(302);
        assertThat(jdbc(a).sql("SELECT count(*) FROM spring_session WHERE principal_name = 'admin'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void aJobTriggeredOnBothInstancesAtOnceRunsOnce() {
        List<IncompletePublicationsJob> jobs = List.of(a.getBean(IncompletePublicationsJob.class),
                b.getBean(IncompletePublicationsJob.class));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> runs = jobs.stream().map(job -> CompletableFuture.runAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            job.resubmit();
        })).toList();
        go.countDown();
        runs.forEach(CompletableFuture::join);

        assertThat(runs(a) + runs(b)).isEqualTo(1);
        assertThat(jdbc(a).sql("SELECT count(*) FROM shedlock WHERE name = ?").param(IncompletePublicationsJob.NAME)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReminderClaimedOnBothInstancesAtOnceIsSentOnce() {
        long owner = jdbc(a).sql("SELECT id FROM users WHERE username = 'admin'").query(Long.class).single();
        long activity = jdbc(a).sql("""
                        INSERT INTO activities (type, customer_id, subject, due_at, owner_id, created_by)
                        VALUES ('MEETING', 1, 'Two instances', now() + interval '5 minutes', ?, ?) RETURNING id""")
                .params(owner, owner).query(Long.class).single();
        List<Reminders> reminders = List.of(a.getBean(Reminders.class), b.getBean(Reminders.class));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<List<Long>>> runs = reminders.stream().map(r -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return r.remindDue();
        })).toList();
        go.countDown();

        List<Long> claimed = runs.stream().flatMap(f -> f.join().stream()).toList();
        assertThat(claimed).containsOnlyOnce(activity);
        assertThat(jdbc(b).sql("SELECT count(*) FROM notifications WHERE source_ref = ?").param("activity:" + activity)
                .query(Long.class).single()).isEqualTo(1);
    }

    private static double runs(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("guanxi.jobs.runs").tag("job", IncompletePublicationsJob.NAME)
                .counter().count();
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext context, String path, String session)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base(context) + path)).GET(), session);
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext context, String path, String session,
                                             Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base(context) + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), session);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String session)
            throws IOException, InterruptedException {
        request.header("Accept-Language", "en");
        if (session != null) {
            request.header("Cookie", "SESSION=" + session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("CSRF token in the page").isTrue();
        return m.group(1);
    }

    private static String session(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no SESSION cookie"));
    }
}
