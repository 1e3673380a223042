package dev.guanxi.crm.analytics;

import dev.guanxi.crm.analytics.internal.ScoringRun;
import dev.guanxi.crm.analytics.internal.ScoringRuns;
import dev.guanxi.crm.analytics.internal.ScoringService;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pages and API of the scoring run: scores on the customer page and API with visibility, the churn list with its
 * filters and win-back task, the RFM grid and ABC report, run start with 202/409, and parameter validation.
 * Orders dated 2001, run date 2002-01-01 (ScoringRunTest uses 1970–1972).
 */
@IntegrationTest
class AnalyticsWebTest {

    static final LocalDate AS_OF = LocalDate.of(2002, 1, 1);

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScoringService scoring;
    @Autowired
    ScoringRuns runs;
    @LocalServerPort
    int port;

    Account rep;
    Account otherRep;
    Account analyst;
    String suffix;
    long regular;
    long lapsed;
    long foreign;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("analytics");
        rep = accounts.user(Role.SALES_REP, team);
        otherRep = accounts.user(Role.SALES_REP, accounts.team("analytics-other"));
        analyst = accounts.user(Role.ANALYST, null);
        suffix = Long.toString(System.nanoTime(), 36);
        regular = customer(rep, "常客 Regular " + suffix);
        order(regular, rep, "2001-10-01", "500.00");
        order(regular, rep, "2001-11-01", "500.00");
        order(regular, rep, "2001-12-01", "500.00");
        // bought every 30 days, then nothing for 200 days: overdue (200 > 2 × 30)
        lapsed = customer(rep, "流失 Lapsed " + suffix);
        order(lapsed, rep, "2001-05-16", "4000.00");
        order(lapsed, rep, "2001-06-15", "4000.00");
        foreign = customer(otherRep, "别人的 Foreign " + suffix);
        order(foreign, otherRep, "2001-05-16", "3000.00");
        order(foreign, otherRep, "2001-06-15", "3000.00");
        ScoringRun run = scoring.runNow(ScoringService.MANUAL, AS_OF, 12);
        assertThat(run.status()).isEqualTo("SUCCEEDED");
    }

    long customer(Account owner, String name) {
        return jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, team_id) "
                        + "VALUES ('PERSON', ?, 'CONSUMER', ?, ?) RETURNING id")
                .params(name, owner.id(), owner.teamId()).query(Long.class).single();
    }

    void order(long customerId, Account owner, String date, String total) {
        jdbc.sql("INSERT INTO orders (customer_id, owner_id, team_id, status, order_date, total) "
                        + "VALUES (?, ?, ?, 'COMPLETED', ?, ?)")
                .params(customerId, owner.id(), owner.teamId(), LocalDate.parse(date), new BigDecimal(total)).update();
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("customerId").asLong()));
        return ids;
    }

    @Test
    void scoresApiFollowsTheCustomersVisibility() {
        Api.Response mine = as(rep).get("/api/v1/customers/" + lapsed + "/scores");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        JsonNode s = mine.json();
        assertThat(s.get("frequency").asInt()).isEqualTo(2);
        assertThat(s.get("recencyDays").asInt()).isEqualTo(200);
        assertThat(s.get("churnReasons").get(0).asString()).isEqualTo("RECENCY_OVERDUE");
        assertThat(s.get("abcClass").asString()).isIn("A", "B", "C");
        // P(alive) comes from the BG/NBD model step, fitted on every buyer in the database at the time of the run (the
        // shared test database holds other tests' customers too, so the fit may or may not converge): it is either
        // left out of the JSON or a probability, never null
        if (s.has("pAlive")) {
            assertThat(s.get("pAlive").isNumber()).as(s.toString()).isTrue();
            assertThat(s.get("pAlive").asDouble()).isBetween(0.0, 1.0);
        }

        assertThat(as(otherRep).get("/api/v1/customers/" + lapsed + "/scores").status()).isEqualTo(404);
        assertThat(as(analyst).get("/api/v1/customers/" + lapsed + "/scores").status()).isEqualTo(200);
        long unscored = customer(rep, "New " + suffix);
        assertThat(as(rep).get("/api/v1/customers/" + unscored + "/scores").status()).isEqualTo(404);
    }

    @Test
    void churnListIsSortedByValueAtRiskFilteredAndLimitedToVisibleCustomers() {
        List<Long> forRep = ids(as(rep).get("/api/v1/analytics/churn?size=200").json());
        assertThat(forRep).contains(lapsed).doesNotContain(regular, foreign);
        List<Long> forOther = ids(as(otherRep).get("/api/v1/analytics/churn?size=200").json());
        assertThat(forOther).contains(foreign).doesNotContain(lapsed);

        JsonNode all = as(analyst).get("/api/v1/analytics/churn?size=200&reason=RECENCY_OVERDUE").json();
        List<Long> ids = ids(all);
        assertThat(ids).contains(lapsed, foreign);
        // lapsed spent 8000, foreign 6000 with the same history: lapsed has more value at risk and comes first
        assertThat(ids.indexOf(lapsed)).isLessThan(ids.indexOf(foreign));
        List<BigDecimal> values = new ArrayList<>();
        all.get("items").forEach(i -> values.add(new BigDecimal(i.get("valueAtRisk").asString())));
        assertThat(values).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        assertThat(ids(as(analyst).get("/api/v1/analytics/churn?size=200&ownerId=" + otherRep.id()).json()))
                .contains(foreign).doesNotContain(lapsed);
        // lapsed also spent 8000 in the 180 days before the last 180 (and 0 since): spend down as well
        assertThat(ids(as(analyst).get("/api/v1/analytics/churn?size=200&reason=SPEND_DOWN&ownerId=" + rep.id())
                .json())).containsExactly(lapsed);
        JsonNode scores = as(rep).get("/api/v1/customers/" + lapsed + "/scores").json();
        String segment = scores.get("rfmSegment").asString();
        String otherSegment = segment.equals("LOST") ? "CHAMPIONS" : "LOST";
        assertThat(ids(as(rep).get("/api/v1/analytics/churn?size=200&segment=" + segment).json())).contains(lapsed);
        assertThat(ids(as(rep).get("/api/v1/analytics/churn?size=200&segment=" + otherSegment).json()))
                .doesNotContain(lapsed);
        String abc = scores.get("abcClass").asString();
        assertThat(ids(as(rep).get("/api/v1/analytics/churn?size=200&abcClass=" + abc).json())).contains(lapsed);
        assertThat(ids(as(rep).get("/api/v1/analytics/churn?size=200&abcClass=" + (abc.equals("C") ? "A" : "C"))
                .json())).doesNotContain(lapsed);
        assertThat(ids(as(rep).get("/api/v1/analytics/churn?size=200&sort=name").json())).contains(lapsed);
    }

    @Test
    void everyParameterIsValidated() {
        Api.Response sort = as(rep).get("/api/v1/analytics/churn?sort=bogus");
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.header("Content-Type")).contains("application/problem+json");
        assertThat(sort.body()).contains("sort");
        assertThat(as(rep).get("/api/v1/analytics/churn?segment=SLEEPY").body()).contains("segment");
        assertThat(as(rep).get("/api/v1/analytics/churn?abcClass=D").status()).isEqualTo(400);
        assertThat(as(rep).get("/api/v1/analytics/churn?reason=bad%20code").status()).isEqualTo(400);
        assertThat(as(rep).get("/api/v1/analytics/churn?size=0").status()).isEqualTo(400);
        assertThat(as(rep).get("/api/v1/analytics/churn?ownerId=abc").status()).isEqualTo(400);
        assertThat(as(rep).get("/api/v1/analytics/runs?page=0").status()).isEqualTo(400);

        Api.Response period = as(analyst).post("/api/v1/analytics/runs?periodMonths=0", "");
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.body()).contains("periodMonths");
        assertThat(as(analyst).post("/api/v1/analytics/runs?periodMonths=twelve", "").status()).isEqualTo(400);
        Api.Response date = as(analyst).post("/api/v1/analytics/runs?asOf=2002-13-01", "");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.body()).contains("asOf");
        assertThat(as(analyst).post("/api/v1/analytics/runs?asOf=2999-01-01", "").status()).isEqualTo(400);
        // a sales rep may not start a run
        assertThat(as(rep).post("/api/v1/analytics/runs", "").status()).isEqualTo(403);
        assertThat(runs.running()).isEmpty();
    }

    @Test
    void runStartedThroughTheApiIsAcceptedAndASecondOneConflicts() {
        Api.Response started = as(analyst).post("/api/v1/analytics/runs?asOf=2002-01-01", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).matches(".*/api/v1/analytics/runs/\\d+");
        long id = started.json().get("id").asLong();
        // a second request right away is refused while the first runs (or accepted once it has finished)
        Api.Response second = as(analyst).post("/api/v1/analytics/runs?asOf=2002-01-01", "");
        assertThat(second.status()).isIn(409, 202);
        // wait for every run started here, so that none writes customer records while later tests run
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> runs.running().isEmpty());
        assertThat(as(analyst).get(location.replaceFirst("^https?://[^/]+", "")).json().get("status").asString())
                .isEqualTo("SUCCEEDED");
        assertThat(as(analyst).get("/api/v1/analytics/runs?size=5").json().get("items").size()).isPositive();

        // a run holding the slot: the API answers 409
        long held = jdbc.sql("INSERT INTO scoring_runs (status, trigger, as_of, period_months, slot) "
                + "VALUES ('RUNNING', 'MANUAL', DATE '2002-01-01', 12, 'a') RETURNING id").query(Long.class).single();
        try {
            Api.Response conflict = as(analyst).post("/api/v1/analytics/runs", "");
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.body()).contains("already running");
        } finally {
            jdbc.sql("UPDATE scoring_runs SET status = 'FAILED' WHERE id = ?").param(held).update();
        }
    }

    @Test
    void pagesShowScoresGridParetoAndChurnListWithWinBackTask() throws Exception {
        MockHttpSession repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        MockHttpSession analystSession = Sessions.login(mvc, analyst.username(), TestAccounts.PASSWORD);

        mvc.perform(get("/analytics").session(analystSession)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"start-run\""), containsString("run-history"))));
        mvc.perform(get("/analytics").session(repSession)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"start-run\""))));
        mvc.perform(post("/analytics/runs").session(repSession).with(csrf())).andExpect(status().isForbidden());

        // the customer 360 page shows the scores panel with its explanation
        mvc.perform(get("/customers/" + lapsed).session(repSession)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"scores\""), containsString("Overdue"),
                        containsString("No purchase for 200 days; usually every 30"))));

        // the manager dashboard shows the scoring run's sections
        mvc.perform(get("/analytics/dashboard").session(analystSession).locale(java.util.Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"section-abc\""), containsString("id=\"section-rfm\""),
                        containsString("id=\"section-churn\""))));
        // clustering: k chosen or suggested; a k out of range is refused
        mvc.perform(get("/analytics/clusters").session(analystSession).locale(java.util.Locale.ENGLISH))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"cluster-form\"")));
        mvc.perform(get("/analytics/clusters").param("k", "3").session(analystSession)).andExpect(status().isOk());
        mvc.perform(get("/analytics/clusters").param("k", "99").session(analystSession))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/analytics/abc").session(analystSession)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("pareto-chart"), containsString("abc-classes"))));
        mvc.perform(get("/analytics/rfm").session(repSession)).andExpect(status().isOk())
                .andExpect(content().string(containsString("rfm-grid")));
        String score = jdbc.sql("SELECT r_score || ',' || f_score FROM customer_scores WHERE customer_id = ?")
                .param(regular).query(String.class).single();
        String[] rf = score.split(",");
        mvc.perform(get("/analytics/rfm").param("r", rf[0]).param("f", rf[1]).session(repSession))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Regular " + suffix)));
        mvc.perform(get("/analytics/rfm").param("r", "9").param("f", "1").session(repSession))
                .andExpect(status().isOk()).andExpect(content().string(containsString("R and F are scores")));

        mvc.perform(get("/analytics/churn").session(repSession)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Lapsed " + suffix),
                        not(containsString("Foreign " + suffix)))));
        mvc.perform(get("/analytics/churn").param("sort", "bogus").session(repSession)).andExpect(status().isOk())
                .andExpect(content().string(containsString("A filter value is not valid")));

        mvc.perform(post("/analytics/churn/" + lapsed + "/task").session(repSession).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("message", "churn.task.created"));
        assertThat(jdbc.sql("SELECT count(*) FROM activities WHERE customer_id = ? AND type = 'TASK' AND owner_id = ? "
                + "AND subject LIKE 'Win back%'").params(lapsed, rep.id()).query(Long.class).single()).isEqualTo(1);
        // a customer the user does not see: 404, no task
        mvc.perform(post("/analytics/churn/" + foreign + "/task").session(repSession).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT count(*) FROM activities WHERE customer_id = ?").param(foreign)
                .query(Long.class).single()).isZero();
    }

    @Test
    void clustersOfATeamAreDescribedAndSavedAsSegments() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("clusters");
        Account seller = accounts.user(Role.SALES_REP, team);
        Account manager = accounts.manager(team);
        // three kinds of buyers: frequent small, rare big, one-off; ten of each
        for (int i = 0; i < 30; i++) {
            long c = customer(seller, "聚类 " + i + " " + suffix);
            switch (i % 3) {
                case 0 -> {
                    for (int m = 1; m <= 10; m++) {
                        order(c, seller, String.format("2001-%02d-%02d", m, 1 + i % 20), "100.00");
                    }
                }
                case 1 -> {
                    order(c, seller, "2001-02-0" + (1 + i % 8), "9000.00");
                    order(c, seller, "2001-09-1" + (i % 8), "9500.00");
                }
                default -> order(c, seller, "2000-03-1" + (i % 8), "300.00");
            }
        }
        assertThat(scoring.runNow(ScoringService.MANUAL, AS_OF, 12).status()).isEqualTo("SUCCEEDED");
        MockHttpSession session = Sessions.login(mvc, manager.username(), TestAccounts.PASSWORD);

        mvc.perform(get("/analytics/clusters").param("k", "3").session(session).locale(java.util.Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("3 clusters of 30 customers"),
                        containsString("id=\"clusters\""), containsString("聚类 "))));
        mvc.perform(get("/analytics/clusters").session(session).locale(java.util.Locale.ENGLISH))
                .andExpect(status().isOk()).andExpect(content().string(containsString("suggested by the silhouette")));
        mvc.perform(post("/analytics/clusters/segments").param("k", "3").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        List<Long> sizes = jdbc.sql("""
                        SELECT member_count FROM segments WHERE kind = 'STATIC' AND name LIKE 'Cluster %/3 %'
                          AND owner_id = ? ORDER BY id""").param(manager.id()).query(Long.class).list();
        assertThat(sizes).hasSize(3);
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
        MockHttpSession analystSession = Sessions.login(mvc, analyst.username(), TestAccounts.PASSWORD);
        mvc.perform(post("/analytics/clusters/segments").param("k", "3").session(analystSession).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void progressFragmentPollsWhileRunningAndReloadsWhenDone() throws Exception {
        MockHttpSession session = Sessions.login(mvc, analyst.username(), TestAccounts.PASSWORD);
        long done = runs.latestSucceeded().orElseThrow().id();
        mvc.perform(get("/analytics/runs/" + done + "/progress").session(session).header("HX-Request", "true"))
                .andExpect(status().isOk()).andExpect(header().string("HX-Refresh", "true"));
    }
}
