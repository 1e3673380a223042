package dev.guanxi.crm.service;

import dev.guanxi.crm.analytics.ChurnSignal;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Customer service hands open complaints and low satisfaction answers to the churn warning of the scoring run. */
@IntegrationTest
class ServiceChurnSignalsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<ChurnSignal> signals;

    ChurnSignal signal(String code) {
        return signals.stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void openComplaintsAndLowAnswersWarn() {
        Account agent = new TestAccounts(context).user(Role.SERVICE_AGENT, null);
        Api api = new Api(port, agent.token());
        long unhappy = customer(api, "不满客户");
        long happy = customer(api, "满意客户");
        Api.Response complaint = api.post("/api/v1/tickets", Api.json(Map.of("type", "COMPLAINT", "channel", "PHONE",
                "priority", "HIGH", "customerId", unhappy, "subject", "货物破损")));
        assertThat(complaint.status()).as(complaint.body()).isEqualTo(201);
        answer(unhappy, "CSAT", 2);
        answer(happy, "CSAT", 5);

        LocalDate today = LocalDate.now();
        assertThat(signal("OPEN_COMPLAINT").flaggedCustomers(today)).contains(unhappy).doesNotContain(happy);
        assertThat(signal("LOW_SATISFACTION").flaggedCustomers(today)).contains(unhappy).doesNotContain(happy);
        // a later good answer replaces the low one
        answer(unhappy, "CSAT", 4);
        assertThat(signal("LOW_SATISFACTION").flaggedCustomers(today)).doesNotContain(unhappy);
    }

    private static long customer(Api api, String name) {
        return api.post("/api/v1/customers", Api.json(Map.of("kind", "PERSON", "name", name + System.nanoTime(),
                "customerType", "CONSUMER"))).json().get("id").asLong();
    }

    private void answer(long customerId, String kind, int score) {
        jdbc.sql("""
                        INSERT INTO survey_invitations (kind, customer_id, ticket_id, language, expires_at, score, answered_at)
                        VALUES (?, ?, ?, 'zh_CN', now() + interval '1 day', ?, now())""")
                .params(kind, customerId, System.nanoTime(), score).update();
    }
}
