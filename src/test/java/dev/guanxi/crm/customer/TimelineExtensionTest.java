package dev.guanxi.crm.customer;

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
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Any module adds to a customer's timeline by publishing a TimelineEntry event; the customer module stores it. */
@IntegrationTest
@EnableScenarios
class TimelineExtensionTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void entriesPublishedByOtherModulesAppearOnTheTimelineOnce(Scenario scenario) {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        Api api = new Api(port, rep.token());
        long id = api.post("/api/v1/customers", Api.json(Map.of("kind", "PERSON", "name", "Timeline Guest",
                "customerType", "CONSUMER"))).json().get("id").asLong();
        Instant placed = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        TimelineEntry order = new TimelineEntry(id, placed, "ORDER_PLACED", "sales", "order:" + id,
                "Order SO-" + id, "¥1,200.00", rep.username());

        scenario.publish(order)
                .andWaitForStateChange(() -> stored(id, "order:" + id), count -> count > 0)
                .andVerify(count -> assertThat(count).isEqualTo(1));
        scenario.publish(order)
                .andWaitForStateChange(() -> outstandingPublications(order), count -> count == 0)
                .andVerify(count -> assertThat(stored(id, "order:" + id)).as("a redelivered entry is stored once")
                        .isEqualTo(1));

        JsonNode timeline = api.get("/api/v1/customers/" + id + "/timeline").json();
        assertThat(timeline.get(0).get("kind").asString()).isEqualTo("ORDER_PLACED");
        assertThat(timeline.get(0).get("title").asString()).isEqualTo("Order SO-" + id);
        assertThat(timeline.get(1).get("kind").asString()).isEqualTo("CUSTOMER_CREATED");
    }

    private long stored(long customerId, String ref) {
        return jdbc.sql("SELECT count(*) FROM customer_timeline WHERE customer_id = ? AND source_ref = ?")
                .params(customerId, ref).query(Long.class).single();
    }

    private long outstandingPublications(TimelineEntry entry) {
        return jdbc.sql("""
                        SELECT count(*) FROM event_publication
                        WHERE event_type = ? AND completion_date IS NULL AND serialized_event LIKE ?""")
                .params(TimelineEntry.class.getName(), "%\"sourceRef\":\"" + entry.sourceRef() + "\"%")
                .query(Long.class).single();
    }
}
