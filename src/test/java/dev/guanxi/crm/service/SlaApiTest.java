package dev.guanxi.crm.service;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SLA policies and the business calendar over the API: seeded defaults, who may change them, validation. */
@IntegrationTest
class SlaApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void seededCalendarAndPoliciesAreReadableAndOnlyManagersChangeThem() {
        TestAccounts accounts = new TestAccounts(context);
        Api agent = new Api(port, accounts.user(Role.SERVICE_AGENT, null).token());
        Account managerAccount = accounts.manager(accounts.team("sla"));
        Api manager = new Api(port, managerAccount.token());

        JsonNode calendar = agent.get("/api/v1/service/calendar").json();
        assertThat(calendar.get("zone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(calendar.get("dayStart").asString()).startsWith("09:00");
        assertThat(calendar.get("workDays").toString()).contains("MONDAY", "FRIDAY").doesNotContain("SUNDAY");
        assertThat(calendar.get("holidays").toString()).contains("2026-10-01", "2026-02-17");
        assertThat(agent.get("/api/v1/service/sla-policies").body()).contains("URGENT", "VIP");

        Map<String, Object> policy = Map.of("priority", "LOW", "valueTier", "SMALL", "firstResponseMinutes", 600,
                "resolutionMinutes", 3000);
        assertThat(agent.put("/api/v1/service/sla-policies", Api.json(policy), null).status()).isEqualTo(403);
        Api.Response saved = manager.put("/api/v1/service/sla-policies", Api.json(policy), null);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("resolutionMinutes").asInt()).isEqualTo(3000);
        assertThat(manager.put("/api/v1/service/sla-policies", Api.json(Map.of("priority", "LOW",
                "firstResponseMinutes", 0, "resolutionMinutes", 10)), null).status()).isEqualTo(400);
        assertThat(manager.delete("/api/v1/service/sla-policies/" + saved.json().get("id").asLong(), null).status())
                .isEqualTo(204);

        Map<String, Object> badZone = Map.of("zone", "Mars/Olympus", "workDays", java.util.List.of("MONDAY"),
                "dayStart", "09:00", "dayEnd", "18:00", "version", calendar.get("version").asInt());
        Api.Response bad = manager.put("/api/v1/service/calendar", Api.json(badZone), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("zone");
        assertThat(agent.get("/api/v1/service/dashboard").json().has("open")).isTrue();
    }
}
