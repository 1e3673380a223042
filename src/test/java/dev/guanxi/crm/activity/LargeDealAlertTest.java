package dev.guanxi.crm.activity;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.sales.OpportunityCreated;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Opportunities and confirmed orders at or above guanxi.sales.large-deal-amount notify the owner's team managers once. */
@IntegrationTest
@EnableScenarios
class LargeDealAlertTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    long alerts(String ref) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE source_ref = ? AND kind LIKE 'LARGE_%'")
                .param(ref).query(Long.class).single();
    }

    long outstanding() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND event_type = ?")
                .param(OpportunityCreated.class.getName()).query(Long.class).single();
    }

    @Test
    void largeOpportunitiesAndOrdersAlertTheTeamManagersOnce(Scenario scenario) {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("large-deals");
        Account manager = accounts.manager(team);
        Account rep = accounts.user(Role.SALES_REP, team);
        Account otherManager = accounts.manager(accounts.team("large-deals-other"));
        Api api = new Api(port, rep.token());
        long customerId = api.post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "大客户 " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();

        long small = api.post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId, "name", "small",
                "amount", "499999.99"))).json().get("id").asLong();
        long large = api.post("/api/v1/opportunities", Api.json(Map.of("customerId", customerId, "name", "large",
                "amount", "500000"))).json().get("id").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("opportunity:" + large) > 0);
        assertThat(jdbc.sql("SELECT user_id FROM notifications WHERE source_ref = ?").param("opportunity:" + large)
                .query(Long.class).list()).containsExactly(manager.id());
        assertThat(alerts("opportunity:" + small)).as("below the threshold").isZero();

        scenario.publish(new OpportunityCreated(large, customerId, rep.id(), team, new BigDecimal("500000"), "CNY"))
                .andWaitForStateChange(this::outstanding, n -> n == 0)
                .andVerify(n -> assertThat(alerts("opportunity:" + large)).as("redelivered: still one").isEqualTo(1));

        long product = new Api(port, manager.token()).post("/api/v1/products", Api.json(Map.of("sku",
                "BIG-" + System.nanoTime(), "name", "Turbine", "listPrice", "600000.00", "category", "Machines")))
                .json().get("id").asLong();
        var order = api.post("/api/v1/orders", Api.json(Map.of("customerId", customerId,
                "lines", java.util.List.of(Map.of("productId", product, "quantity", "1"))))).json();
        long orderId = order.get("id").asLong();
        Api.Response confirmed = api.post("/api/v1/orders/" + orderId + "/confirm?version="
                + order.get("version").asInt(), "");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("order:" + orderId) > 0);
        assertThat(jdbc.sql("SELECT user_id FROM notifications WHERE source_ref = ?").param("order:" + orderId)
                .query(Long.class).list()).containsExactly(manager.id()).doesNotContain(otherManager.id());
    }
}
