package dev.guanxi.crm.sales;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PipelineApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    Account rep;
    Account otherRep;
    long customerId;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("pipe"));
        otherRep = accounts.user(Role.SALES_REP, accounts.team("pipe-other"));
        customerId = api(rep).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION", "name",
                "Pipeline Co " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
    }

    Api api(Account a) {
        return new Api(port, a.token());
    }

    JsonNode create(String name, String amount) {
        Api.Response r = api(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId,
                "name", name, "amount", amount, "expectedClose", "2027-01-31")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    JsonNode move(JsonNode o, String stage, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("stage", stage);
        if (reason != null) {
            body.put("lossReason", reason);
        }
        Api.Response r = api(rep).post("/api/v1/opportunities/" + o.get("id").asLong() + "/stage?version="
                + o.get("version").asInt(), Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Moves the stage timestamps back so that days-in-stage and cycle are measurable without waiting. */
    void age(JsonNode o, int days) {
        long id = o.get("id").asLong();
        jdbc.sql("UPDATE opportunities SET created_at = created_at - make_interval(days => ?), "
                + "stage_entered_at = stage_entered_at - make_interval(days => ?) WHERE id = ?").params(days, days, id).update();
        jdbc.sql("UPDATE opportunity_stage_changes SET changed_at = changed_at - make_interval(days => ?) WHERE opportunity_id = ?")
                .params(days, id).update();
    }

    @Test
    void stagesMoveWithHistoryAndTheRulesHold() {
        JsonNode o = create("ERP rollout", "120000");
        assertThat(o.get("stage").asString()).isEqualTo("QUALIFICATION");
        assertThat(o.get("probability").asInt()).isEqualTo(10);
        assertThat(o.get("weightedAmount").decimalValue()).isEqualByComparingTo("12000");
        JsonNode proposal = move(o, "PROPOSAL", null);
        assertThat(proposal.get("weightedAmount").decimalValue()).isEqualByComparingTo("60000");

        Api.Response noReason = api(rep).post("/api/v1/opportunities/" + o.get("id").asLong() + "/stage?version="
                + proposal.get("version").asInt(), Api.json(Map.of("stage", "LOST")));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("lossReason");
        JsonNode lost = move(proposal, "LOST", "Price too high");
        assertThat(lost.get("lossReason").asString()).isEqualTo("Price too high");
        assertThat(lost.get("closedAt").isNull()).isFalse();
        Api.Response reopen = api(rep).post("/api/v1/opportunities/" + o.get("id").asLong() + "/stage?version="
                + lost.get("version").asInt(), Api.json(Map.of("stage", "NEGOTIATION")));
        assertThat(reopen.status()).isEqualTo(409);
        Api.Response stale = api(rep).post("/api/v1/opportunities/" + o.get("id").asLong() + "/stage?version=0",
                Api.json(Map.of("stage", "NEGOTIATION")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(api(rep).post("/api/v1/opportunities/" + o.get("id").asLong() + "/stage?version="
                + lost.get("version").asInt(), Api.json(Map.of("stage", "NOPE"))).status()).isEqualTo(400);

        assertThat(jdbc.sql("SELECT string_agg(coalesce(from_stage, '-') || '>' || to_stage, ',' ORDER BY id) "
                        + "FROM opportunity_stage_changes WHERE opportunity_id = ?").param(o.get("id").asLong())
                .query(String.class).single()).isEqualTo("->QUALIFICATION,QUALIFICATION>PROPOSAL,PROPOSAL>LOST");
        assertThat(api(otherRep).get("/api/v1/opportunities/" + o.get("id").asLong()).status()).isEqualTo(404);
    }

    @Test
    void funnelCountsConversionDaysWinRateAndCycle() {
        JsonNode a = create("A", "1000");
        JsonNode b = create("B", "2000");
        JsonNode c = create("C", "3000");
        JsonNode d = create("D", "4000");
        for (JsonNode o : new JsonNode[] {a, b, c, d}) {
            age(o, 10);
        }
        JsonNode aWon = move(move(move(a, "NEEDS_ANALYSIS", null), "NEGOTIATION", null), "WON", null);
        move(move(b, "NEEDS_ANALYSIS", null), "LOST", "No budget");
        move(c, "NEEDS_ANALYSIS", null);
        assertThat(aWon.get("stage").asString()).isEqualTo("WON");

        JsonNode funnel = api(rep).get("/api/v1/funnel?customerId=" + customerId).json();
        Map<String, JsonNode> rows = new HashMap<>();
        funnel.get("rows").forEach(r -> rows.put(r.get("stage").get("code").asString(), r));
        assertThat(rows.get("QUALIFICATION").get("count").asLong()).isEqualTo(1);           // D
        assertThat(rows.get("QUALIFICATION").get("reached").asLong()).isEqualTo(4);
        assertThat(rows.get("NEEDS_ANALYSIS").get("count").asLong()).isEqualTo(1);          // C
        assertThat(rows.get("NEEDS_ANALYSIS").get("reached").asLong()).isEqualTo(3);        // A, B, C
        assertThat(rows.get("QUALIFICATION").get("conversionToNext").asDouble()).isEqualTo(0.75);
        assertThat(rows.get("PROPOSAL").get("reached").asLong()).as("A skipped proposal but got further").isEqualTo(1);
        assertThat(rows.get("WON").get("count").asLong()).isEqualTo(1);
        assertThat(rows.get("QUALIFICATION").get("avgDays").asDouble()).isBetween(9.9, 10.1);
        assertThat(funnel.get("won").asLong()).isEqualTo(1);
        assertThat(funnel.get("lost").asLong()).isEqualTo(1);
        assertThat(funnel.get("winRate").asDouble()).isEqualTo(0.5);
        assertThat(funnel.get("avgCycleDays").asDouble()).isBetween(9.9, 10.1);
        // open: C 3000 at 25% + D 4000 at 10%
        assertThat(funnel.get("openAmount").decimalValue()).isEqualByComparingTo("7000");
        assertThat(funnel.get("weightedAmount").decimalValue()).isEqualByComparingTo("1150");
        assertThat(api(otherRep).get("/api/v1/funnel?customerId=" + customerId).json().get("won").asLong()).isZero();

        // the funnel is kept between changes; one made straight in the database (another instance) shows at once
        jdbc.sql("UPDATE opportunities SET amount = 5000 WHERE id = ?").param(d.get("id").asLong()).update();
        assertThat(api(rep).get("/api/v1/funnel?customerId=" + customerId).json().get("openAmount").decimalValue())
                .isEqualByComparingTo("8000");
    }

    @Test
    void theListPagesThroughOpportunitiesByStage() {
        for (int i = 0; i < 3; i++) {
            create("Listed " + i, "100");
        }
        JsonNode first = api(rep).get("/api/v1/opportunities?customerId=" + customerId + "&size=2").json();
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        JsonNode second = api(rep).get("/api/v1/opportunities?customerId=" + customerId + "&size=2&page=2").json();
        assertThat(second.get("items").size()).isEqualTo(1);
        assertThat(api(rep).get("/api/v1/opportunities?customerId=" + customerId + "&stage=WON").json().get("items").size())
                .isZero();
    }

    @Test
    void forecastSumsOpenPipelinePerMonth() {
        Api api = api(rep);
        JsonNode jan = create("Jan deal", "10000");
        move(move(create("Jan big", "40000"), "PROPOSAL", null), "NEGOTIATION", null);
        JsonNode feb = api.post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId, "name", "Feb",
                "amount", "8000", "expectedClose", "2027-02-10", "stage", "PROPOSAL"))).json();
        move(create("Won one", "99999"), "WON", null);
        assertThat(jan.get("stage").asString()).isEqualTo("QUALIFICATION");
        assertThat(feb.get("stage").asString()).isEqualTo("PROPOSAL");

        JsonNode forecast = api.get("/api/v1/forecast?customerId=" + customerId).json();
        JsonNode january = forecast.get("months").get(0);
        assertThat(january.get("month").asString()).isEqualTo("2027-01");
        assertThat(january.get("count").asLong()).isEqualTo(2);
        assertThat(january.get("bestCase").decimalValue()).isEqualByComparingTo("50000");
        assertThat(january.get("commit").decimalValue()).isEqualByComparingTo("40000");
        assertThat(january.get("weighted").decimalValue()).isEqualByComparingTo("31000");   // 1000 + 30000
        JsonNode february = forecast.get("months").get(1);
        assertThat(february.get("weighted").decimalValue()).isEqualByComparingTo("4000");
        assertThat(forecast.get("total").get("bestCase").decimalValue()).isEqualByComparingTo("58000");
        assertThat(forecast.get("total").get("weighted").decimalValue()).isEqualByComparingTo("35000");
    }

    @Test
    void badInputIsRejected() {
        assertThat(api(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId, "name", "",
                "amount", "-1"))).status()).isEqualTo(400);
        assertThat(api(otherRep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId,
                "name", "x", "amount", "1"))).status()).isEqualTo(400);
        assertThat(api(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId,
                "name", "x", "amount", "1", "stage", "WON"))).status()).isEqualTo(400);
        assertThat(api(rep).get("/api/v1/opportunities?stage=NOPE").status()).isEqualTo(400);
        assertThat(api(rep).get("/api/v1/opportunities?page=0").status()).isEqualTo(400);
        Api.Response badDate = api(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId,
                "name", "x", "amount", "1", "expectedClose", "31/12/2027")));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("31/12/2027");
        assertThat(api(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId, "name", "x",
                "amount", "1", "currency", "usd"))).status()).isEqualTo(400);
        assertThat(api(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId, "name", "Export deal",
                "amount", "1", "currency", "USD"))).json().get("currency").asString()).isEqualTo("USD");
        assertThat(api(rep).get("/api/v1/funnel?from=yesterday").status()).isEqualTo(400);
    }
}
