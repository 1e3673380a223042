package dev.guanxi.crm.activity;

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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ActivityApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    Account manager;
    Account rep;
    Account teammate;
    Account outsider;
    long customerId;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("activity");
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team);
        teammate = accounts.user(Role.SALES_REP, team);
        outsider = accounts.user(Role.SALES_REP, accounts.team("activity-other"));
        customerId = as(rep).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "活动客户 " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    Map<String, Object> body(String type, String subject, Instant due) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", type);
        b.put("customerId", customerId);
        b.put("subject", subject);
        if (due != null) {
            b.put("dueAt", due.toString());
        }
        b.put("durationMinutes", 30);
        return b;
    }

    @Test
    void anActivityIsLoggedEditedCompletedAndDeletedWithAuditAndTimeline() {
        Instant due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        Api.Response created = as(rep).post("/api/v1/activities", Api.json(body("CALL", "致电采购经理", due)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode a = created.json();
        long id = a.get("id").asLong();
        assertThat(a.get("ownerId").asLong()).as("owner defaults to the signed-in user").isEqualTo(rep.id());
        assertThat(a.get("teamId").asLong()).isEqualTo(rep.teamId());
        assertThat(a.get("done").asBoolean()).isFalse();
        assertThat(Instant.parse(a.get("dueAt").asString())).isEqualTo(due);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");

        Map<String, Object> edit = body("MEETING", "拜访采购经理", due.plus(1, ChronoUnit.HOURS));
        edit.put("ownerId", teammate.id());
        Api.Response stale = as(rep).put("/api/v1/activities/" + id, Api.json(edit), "\"7\"");
        assertThat(stale.status()).isEqualTo(409);
        Api.Response updated = as(rep).put("/api/v1/activities/" + id, Api.json(edit), "\"0\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("type").asString()).isEqualTo("MEETING");
        assertThat(updated.json().get("ownerId").asLong()).isEqualTo(teammate.id());

        Api.Response done = as(teammate).post("/api/v1/activities/" + id + "/complete?version=1", "");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("done").asBoolean()).isTrue();
        assertThat(as(teammate).post("/api/v1/activities/" + id + "/complete?version=2", "").status())
                .as("completing twice").isEqualTo(409);

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'activity' AND entity_id = ?")
                .param(Long.toString(id)).query(Long.class).single()).isEqualTo(3);
        org.awaitility.Awaitility.await().until(() -> as(rep).get("/api/v1/customers/" + customerId + "/timeline")
                .body().contains("ACTIVITY_COMPLETED"));
        JsonNode timeline = as(rep).get("/api/v1/customers/" + customerId + "/timeline").json();
        assertThat(timeline.toString()).contains("ACTIVITY_LOGGED", "致电采购经理", "Call 电话", "Meeting 会议");
        assertThat(as(rep).delete("/api/v1/activities/" + id, null).status()).as("version required").isEqualTo(400);
        assertThat(as(rep).delete("/api/v1/activities/" + id, "\"2\"").status()).isEqualTo(204);
        assertThat(as(rep).get("/api/v1/activities/" + id).status()).isEqualTo(404);
    }

    @Test
    void activitiesAreVisibleToOwnerTeamAndManagersOnly() {
        long id = as(rep).post("/api/v1/activities", Api.json(body("NOTE", "Team note", null))).json().get("id").asLong();
        assertThat(as(teammate).get("/api/v1/activities/" + id).status()).isEqualTo(200);
        assertThat(as(manager).get("/api/v1/activities/" + id).status()).isEqualTo(200);
        assertThat(as(outsider).get("/api/v1/activities/" + id).status()).isEqualTo(404);
        assertThat(as(outsider).get("/api/v1/activities?customerId=" + customerId).json().get("items")).isEmpty();
        assertThat(as(outsider).post("/api/v1/activities", Api.json(body("CALL", "not mine", null))).status())
                .as("a customer the user cannot see").isEqualTo(400);
        assertThat(as(rep).get("/api/v1/activities?customerId=" + customerId).json().get("items").get(0)
                .get("id").asLong()).isEqualTo(id);
    }

    @Test
    void theContactAndOpportunityMustBeTheCustomers() {
        long other = as(rep).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "别的客户 " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
        long ownContact = as(rep).post("/api/v1/customers/" + customerId + "/contacts", Api.json(Map.of("name", "张经理")))
                .json().get("id").asLong();
        long otherContact = as(rep).post("/api/v1/customers/" + other + "/contacts", Api.json(Map.of("name", "李经理")))
                .json().get("id").asLong();
        long otherDeal = as(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", other, "name", "别的商机",
                "amount", "100"))).json().get("id").asLong();
        long ownDeal = as(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId, "name", "商机",
                "amount", "100"))).json().get("id").asLong();

        Map<String, Object> wrongContact = body("CALL", "call", null);
        wrongContact.put("contactId", otherContact);
        Api.Response r = as(rep).post("/api/v1/activities", Api.json(wrongContact));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("contactId");
        Map<String, Object> wrongDeal = body("CALL", "call", null);
        wrongDeal.put("opportunityId", otherDeal);
        r = as(rep).post("/api/v1/activities", Api.json(wrongDeal));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("opportunityId");
        Map<String, Object> right = body("CALL", "call", null);
        right.put("contactId", ownContact);
        right.put("opportunityId", ownDeal);
        assertThat(as(rep).post("/api/v1/activities", Api.json(right)).status()).isEqualTo(201);
    }

    @Test
    void listFiltersByTypeStatusAndDateRange() {
        Instant now = Instant.now();
        as(rep).post("/api/v1/activities", Api.json(body("CALL", "call", now.plus(1, ChronoUnit.DAYS))));
        long visit = as(rep).post("/api/v1/activities", Api.json(body("VISIT", "visit", now.plus(10, ChronoUnit.DAYS))))
                .json().get("id").asLong();
        as(rep).post("/api/v1/activities/" + visit + "/complete?version=0", "");
        String base = "/api/v1/activities?customerId=" + customerId;
        assertThat(as(rep).get(base + "&type=VISIT").json().get("items")).hasSize(1);
        assertThat(as(rep).get(base + "&status=done").json().get("items").get(0).get("id").asLong()).isEqualTo(visit);
        assertThat(as(rep).get(base + "&status=open").json().get("items")).hasSize(1);
        assertThat(as(rep).get(base + "&from=" + now.plus(5, ChronoUnit.DAYS).toString().substring(0, 10))
                .json().get("items")).hasSize(1);
        assertThat(as(rep).get(base + "&ownerId=" + teammate.id()).json().get("items")).isEmpty();
    }

    @Test
    void badInputIsAClearProblemNotA500() {
        Map<String, Object> noSubject = body("CALL", " ", null);
        Api.Response r = as(rep).post("/api/v1/activities", Api.json(noSubject));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        assertThat(r.body()).contains("subject");
        Map<String, Object> badType = body("SMOKE_SIGNAL", "x", null);
        assertThat(as(rep).post("/api/v1/activities", Api.json(badType)).status()).isEqualTo(400);
        Map<String, Object> badDue = body("CALL", "x", null);
        badDue.put("dueAt", "tomorrow");
        assertThat(as(rep).post("/api/v1/activities", Api.json(badDue)).status()).isEqualTo(400);
        Map<String, Object> negative = body("CALL", "x", null);
        negative.put("durationMinutes", -5);
        assertThat(as(rep).post("/api/v1/activities", Api.json(negative)).status()).isEqualTo(400);
        Map<String, Object> foreignOwner = body("CALL", "x", null);
        foreignOwner.put("ownerId", outsider.id());
        Api.Response owner = as(rep).post("/api/v1/activities", Api.json(foreignOwner));
        assertThat(owner.status()).isEqualTo(400);
        assertThat(owner.body()).contains("ownerId");
        assertThat(as(rep).get("/api/v1/activities?type=NOPE").status()).isEqualTo(400);
    }
}
