package dev.guanxi.crm.activity;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/** Other modules notify users through a NotificationRequested event; a repeated request notifies once. */
@IntegrationTest
@EnableScenarios
class NotificationRequestedTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRequestedNotificationReachesTheBellOnce(Scenario scenario) {
        Account user = new TestAccounts(context).user(Role.SERVICE_AGENT, null);
        NotificationRequested request = new NotificationRequested(user.id(), "TEST_REQUEST", "test:1", "Look at this",
                "detail", "/customers", "Test 测试");
        scenario.publish(request).andWaitForStateChange(() -> count(user.id())).andVerify(n -> assertThat(n).isEqualTo(1));
        scenario.publish(request).andWaitForStateChange(() -> jdbc.sql(
                        "SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND event_type = ?")
                .param(NotificationRequested.class.getName()).query(Long.class).single() == 0 ? count(user.id()) : null)
                .andVerify(n -> assertThat(n).isEqualTo(1));
    }

    private long count(long userId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'TEST_REQUEST'")
                .param(userId).query(Long.class).single();
    }
}
