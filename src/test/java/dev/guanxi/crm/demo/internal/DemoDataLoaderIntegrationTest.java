package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.TeamSummary;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real loader against the embedded PostgreSQL. It has a database of its own: the loader only loads into
 * a database without customers, and the demo users must not show up in other tests' user lists. The loads with
 * given sizes run first, each in a transaction rolled back afterwards, so that the database is empty again.
 */
@SpringBootTest(properties = "guanxi.db.data-dir=target/test-postgres-demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDataLoaderIntegrationTest {

    private static final int CUSTOMERS = 1_500;

    @Autowired
    DemoDataLoader loader;
    @Autowired
    DemoDataRunner runner;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDirectory directory;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    TransactionTemplate transaction;

    @Test
    @Order(1)
    void loadsExactlyTheGivenSizesInTheIssuesRatios() {
        // per customer 0.2 contacts, 0.3 opportunities, 3 orders, 10 order lines, 2 activities, 0.2 tickets
        DemoSizes sizes = new DemoSizes(400, 80L, 120L, 1_200L, 4_000L, 800L, 80L);

        inRolledBackTransaction(() -> {
            DemoData data = loader.loadIfEmpty(sizes).orElseThrow();

            assertThat(data.contacts()).isEqualTo(80);
            assertSizes(sizes);
            assertThat(count("SELECT count(DISTINCT customer_id) FROM contacts"))
                    .as("the contacts spread over the organizations").isGreaterThan(40);
            assertThat(count("SELECT min(n) FROM (SELECT count(*) AS n FROM order_lines GROUP BY order_id) l"))
                    .isOne();
            assertThat(count("SELECT count(DISTINCT n) FROM (SELECT count(*) AS n FROM order_lines GROUP BY order_id) l"))
                    .as("orders of different sizes").isGreaterThanOrEqualTo(4);
            assertThat(count("SELECT count(DISTINCT customer_id) FROM orders")).isLessThanOrEqualTo(160);
            assertThat(count("SELECT count(DISTINCT type) FROM activities")).isEqualTo(6);
            assertThat(count("SELECT count(*) FROM activities WHERE done AND due_at > now()")).isZero();
            assertThat(count("SELECT count(*) FROM customer_timeline WHERE kind = 'ACTIVITY_LOGGED'")).isEqualTo(800);
            assertThat(count("SELECT count(DISTINCT status) FROM tickets WHERE type = 'COMPLAINT'")).isEqualTo(6);
        });
    }

    @Test
    @Order(2)
    void topsUpContactsAndLoadsNothingOfASizeZero() {
        DemoSizes sizes = new DemoSizes(300, 1_000L, 0L, 0L, 0L, 0L, 0L);

        inRolledBackTransaction(() -> {
            loader.loadIfEmpty(sizes).orElseThrow();

            assertSizes(sizes);
            assertNone("persons have no contacts", """
                    SELECT count(*) FROM contacts k JOIN customers c ON c.id = k.customer_id WHERE c.kind = 'PERSON'""");
            assertNone("every organization has one primary contact", """
                    SELECT count(*) FROM customers c WHERE c.kind = 'ORGANIZATION'
                      AND (SELECT count(*) FROM contacts k WHERE k.customer_id = c.id AND k.is_primary) <> 1""");
        });
    }

    private void assertSizes(DemoSizes sizes) {
        assertThat(count("SELECT count(*) FROM customers")).isEqualTo(sizes.customers());
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(sizes.contacts());
        assertThat(count("SELECT count(*) FROM opportunities")).isEqualTo(sizes.opportunities());
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(sizes.orders());
        assertThat(count("SELECT count(*) FROM order_lines")).isEqualTo(sizes.orderLines());
        assertThat(count("SELECT count(*) FROM activities")).isEqualTo(sizes.activities());
        assertThat(count("SELECT count(*) FROM tickets")).isEqualTo(sizes.tickets());
    }

    private void inRolledBackTransaction(Runnable test) {
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            test.run();
        });
        assertThat(count("SELECT count(*) FROM customers")).as("rolled back").isZero();
    }

    @Test
    @Order(3)
    void loadsAConsistentDemoDatabaseOnceAndOnlyOnce() {
        runner.run(new DefaultApplicationArguments());
        assertThat(count("SELECT count(*) FROM customers")).as("guanxi.demo=false turns the runner off").isZero();
        assertThat(count("SELECT count(*) FROM teams")).isZero();

        DemoData data = loader.loadIfEmpty(CUSTOMERS).orElseThrow();

        assertThat(data.customers()).isEqualTo(CUSTOMERS);
        assertThat(count("SELECT count(*) FROM customers")).isEqualTo(CUSTOMERS);
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(data.contacts()).isPositive();
        assertStaff(data.password());
        assertCustomersKeepTheRules();
        assertContacts();
        assertSalesHistory();
        assertAfterSales();
        assertServiceHistory();
        assertMarketing();

        assertThat(loader.loadIfEmpty(CUSTOMERS)).as("a second start loads nothing").isEmpty();
        assertThat(count("SELECT count(*) FROM customers")).isEqualTo(CUSTOMERS);
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(data.contacts());
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(DemoStaff.MEMBERS.size() + 1);
    }

    private void assertStaff(String password) {
        assertThat(password).hasSize(16);
        List<TeamSummary> teams = directory.teams();
        assertThat(teams).extracting(TeamSummary::name).containsExactlyInAnyOrderElementsOf(DemoStaff.TEAMS);
        Map<String, UserSummary> users = directory.activeUsers().stream()
                .collect(Collectors.toMap(UserSummary::username, u -> u));
        for (DemoStaff.Member member : DemoStaff.MEMBERS) {
            UserSummary user = users.get(member.username());
            assertThat(user).as(member.username()).isNotNull();
            assertThat(user.role()).isEqualTo(member.role());
            assertThat(user.teamName()).isEqualTo(member.team() == null ? null : DemoStaff.TEAMS.get(member.team()));
            String hash = jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(user.id())
                    .query(String.class).single();
            assertThat(passwordEncoder.matches(password, hash)).as("one password for all").isTrue();
        }
        for (TeamSummary team : teams) {
            UserSummary manager = directory.find(team.managerId()).orElseThrow();
            assertThat(manager.role()).isEqualTo(Role.MANAGER);
            assertThat(manager.teamId()).isEqualTo(team.id());
        }
        assertThat(users.values().stream().filter(u -> u.role() == Role.SALES_REP)
                .collect(Collectors.groupingBy(UserSummary::teamId, Collectors.counting())).values())
                .hasSize(2).allSatisfy(reps -> assertThat(reps).isBetween(2L, 3L));
    }

    private void assertCustomersKeepTheRules() {
        assertNone("owners are the sales staff and the team is the owner's", """
                SELECT count(*) FROM customers c JOIN users u ON u.id = c.owner_id
                WHERE u.role NOT IN ('MANAGER', 'SALES_REP') OR c.team_id IS DISTINCT FROM u.team_id""");
        assertThat(count("SELECT count(DISTINCT owner_id) FROM customers")).isEqualTo(7);
        assertNone("persons are consumers", """
                SELECT count(*) FROM customers WHERE (kind = 'PERSON') <> (customer_type = 'CONSUMER')""");
        assertNone("credit customers have terms and a limit", """
                SELECT count(*) FROM customers
                WHERE (settlement = 'CREDIT') <> (credit_terms IS NOT NULL AND credit_limit IS NOT NULL)""");
        assertNone("mobile numbers", "SELECT count(*) FROM customers WHERE phone !~ '^1[3-9][0-9]{9}$'");
        assertNone("e-mail addresses", "SELECT count(*) FROM customers WHERE email !~ '^[a-z0-9._-]+@[a-z0-9.-]+$'");
        assertNone("persons aged 20 to 70", """
                SELECT count(*) FROM customers WHERE kind = 'PERSON' AND (birth_date IS NULL OR gender IS NULL
                  OR birth_date > current_date - interval '20 years'
                  OR birth_date <= current_date - interval '71 years')""");
        assertNone("organizations have no birth date", """
                SELECT count(*) FROM customers WHERE kind = 'ORGANIZATION'
                  AND (birth_date IS NOT NULL OR gender IS NOT NULL OR id_number IS NOT NULL)""");
        assertNone("ID numbers start with the region and birth date", """
                SELECT count(*) FROM customers WHERE id_number IS NOT NULL
                  AND substr(id_number, 7, 8) <> to_char(birth_date, 'YYYYMMDD')""");
        assertNone("every customer has a full region", """
                SELECT count(*) FROM customers WHERE province IS NULL OR city IS NULL OR district IS NULL""");
        assertNone("created over the last three years", """
                SELECT count(*) FROM customers WHERE created_at < now() - interval '1096 days'
                  OR created_at > now() OR updated_at < created_at""");
        assertNone("at most three tags", "SELECT count(*) FROM customers WHERE cardinality(tags) > 3");
        assertThat(count("SELECT count(DISTINCT province) FROM customers")).isGreaterThanOrEqualTo(12);
        assertThat(count("SELECT count(*) FROM customers WHERE value_tier = 'VIP'"))
                .isPositive().isLessThan(count("SELECT count(*) FROM customers WHERE value_tier = 'SMALL'") / 4);
        assertThat(count("SELECT count(*) FROM customers WHERE settlement = 'CREDIT'")).isPositive();
        assertThat(count("SELECT count(*) FROM customers WHERE cardinality(tags) > 0")).isPositive();
        assertThat(count("SELECT max(id) - min(id) + 1 FROM customers")).as("reserved ids in one run")
                .isEqualTo(CUSTOMERS);
        assertThat(count("""
                SELECT pg_sequence_last_value(pg_get_serial_sequence('customers', 'id')) - max(id) FROM customers"""))
                .as("the id sequence continues after the loaded ids").isGreaterThanOrEqualTo(0);
    }

    private void assertContacts() {
        assertNone("persons have no contacts", """
                SELECT count(*) FROM contacts k JOIN customers c ON c.id = k.customer_id WHERE c.kind = 'PERSON'""");
        assertNone("organizations have one to three contacts, one of them primary", """
                SELECT count(*) FROM customers c
                WHERE c.kind = 'ORGANIZATION' AND NOT EXISTS (
                  SELECT 1 FROM contacts k WHERE k.customer_id = c.id
                  HAVING count(*) BETWEEN 1 AND 3 AND count(*) FILTER (WHERE k.is_primary) = 1)""");
        assertNone("contact details", """
                SELECT count(*) FROM contacts WHERE name = '' OR title IS NULL
                  OR phone !~ '^1[3-9][0-9]{9}$' OR email !~ '^[a-z0-9._-]+@[a-z0-9.-]+$'""");
    }

    private void assertNone(String rule, String sql) {
        assertThat(count(sql)).as(rule).isZero();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void assertMarketing() {
        assertThat(count("SELECT count(*) FROM campaigns")).isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT count(*) FROM campaign_members")).isPositive();
        assertThat(count("SELECT count(*) FROM campaign_expenses")).isPositive();
        assertThat(count("SELECT count(*) FROM opportunities WHERE source_campaign_id IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(*) FROM coupon_codes")).isPositive();
        assertThat(count("""
                SELECT count(*) FROM coupons p
                WHERE p.used <> (SELECT count(*) FROM coupon_redemptions r WHERE r.coupon_id = p.id AND r.released_at IS NULL)"""))
                .isZero();
    }

    private void assertSalesHistory() {
        assertThat(count("SELECT count(*) FROM products")).isGreaterThanOrEqualTo(10);
        assertThat(count("SELECT count(*) FROM orders")).isGreaterThan(CUSTOMERS / 3);
        assertThat(count("SELECT count(DISTINCT status) FROM orders")).isGreaterThanOrEqualTo(4);
        assertThat(count("SELECT count(*) FROM orders WHERE order_date < current_date - 700")).isPositive();
        assertThat(count("""
                SELECT count(*) FROM orders o
                WHERE o.total + o.discount <> (SELECT coalesce(sum(l.line_total), 0) FROM order_lines l WHERE l.order_id = o.id)
                  + (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.order_id = o.id AND p.amount < 0)""")).as("discounts and refunds lower the total").isZero();
        assertThat(count("""
                SELECT count(*) FROM orders o
                WHERE o.paid <> (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.order_id = o.id)
                   OR o.paid > o.total""")).isZero();
        assertThat(count("SELECT count(*) FROM payments WHERE received_on > current_date")).isZero();
        assertThat(count("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                + "WHERE l.customer_id <> o.customer_id OR l.order_date <> o.order_date")).isZero();
        assertThat(count("SELECT count(*) FROM orders WHERE status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED') "
                + "AND paid < total AND due_date < current_date")).as("some overdue receivables").isPositive();
        assertThat(count("SELECT count(*) FROM opportunities")).isPositive();
        assertThat(count("SELECT count(DISTINCT stage) FROM opportunities")).isGreaterThanOrEqualTo(5);
        assertThat(count("""
                SELECT count(*) FROM opportunities o
                WHERE (SELECT c.to_stage FROM opportunity_stage_changes c WHERE c.opportunity_id = o.id
                       ORDER BY c.changed_at DESC, c.id DESC LIMIT 1) <> o.stage
                   OR NOT EXISTS (SELECT 1 FROM opportunity_stage_changes c WHERE c.opportunity_id = o.id
                                  AND c.from_stage IS NULL AND c.to_stage = 'QUALIFICATION')""")).isZero();
        assertThat(count("SELECT count(*) FROM opportunities WHERE stage = 'LOST' AND loss_reason IS NULL")).isZero();
        assertThat(count("SELECT count(DISTINCT status) FROM leads")).isEqualTo(3);
    }

    private void assertAfterSales() {
        assertThat(count("SELECT count(DISTINCT status) FROM return_requests")).as("returns in every state").isEqualTo(7);
        assertThat(count("SELECT count(DISTINCT return_type) FROM return_requests")).isEqualTo(4);
        assertThat(count("""
                SELECT count(*) FROM return_requests r
                WHERE (r.status = 'REFUNDED') <> EXISTS (SELECT 1 FROM payments p WHERE p.id = r.refund_payment_id
                                                         AND p.amount = -r.refunded_amount AND p.order_line_id = r.order_line_id)""")).isZero();
        assertThat(count("SELECT count(*) FROM survey_invitations WHERE kind = 'CSAT' AND answered_at IS NOT NULL")).isPositive();
        assertThat(count("""
                SELECT count(*) FROM survey_invitations i WHERE i.kind = 'CSAT' AND NOT EXISTS
                  (SELECT 1 FROM tickets t WHERE t.id = i.ticket_id AND t.status = 'CLOSED')""")).as("CSAT after real closed tickets").isZero();
        assertThat(count("SELECT count(*) FROM survey_invitations WHERE kind = 'NPS' AND answered_at IS NOT NULL")).isPositive();
        assertThat(count("SELECT count(*) FROM survey_invitations WHERE answered_at > now()")).isZero();
        assertThat(count("""
                SELECT count(*) FROM survey_invitations i WHERE i.answered_at IS NOT NULL AND NOT EXISTS
                  (SELECT 1 FROM customer_timeline t WHERE t.source = 'service' AND t.source_ref = 'survey:' || i.id)""")).isZero();
    }

    /** demo/module-50-service.sql: tickets at every complaint step, breaches and escalations, articles in both languages. */
    private void assertServiceHistory() {
        assertThat(count("SELECT count(*) FROM tickets")).isGreaterThan(CUSTOMERS / 20);
        assertThat(count("SELECT count(DISTINCT status) FROM tickets WHERE type = 'COMPLAINT'")).isEqualTo(6);
        assertThat(count("SELECT count(DISTINCT type) FROM tickets")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM ticket_breaches")).isPositive();
        assertThat(count("SELECT count(*) FROM ticket_escalations")).isPositive();
        assertThat(count("SELECT count(*) FROM tickets WHERE escalation_level > 0")).isPositive();
        assertThat(count("SELECT count(*) FROM tickets WHERE first_response_at > now() OR resolved_at > now() "
                + "OR closed_at > now() OR (status = 'CLOSED') <> (closed_at IS NOT NULL)")).isZero();
        assertThat(count("SELECT count(*) FROM tickets WHERE type = 'COMPLAINT' AND valid = false AND invalid_reason IS NULL"))
                .isZero();
        assertThat(count("SELECT count(*) FROM kb_articles WHERE title ~ '[\\u4e00-\\u9fff]'")).isPositive();
        assertThat(count("SELECT count(*) FROM kb_articles WHERE title ~ '^[A-Za-z ]+$'")).isPositive();
        assertThat(count("SELECT count(*) FROM kb_article_tickets")).isPositive();
        assertThat(count("SELECT count(*) FROM customer_timeline WHERE kind = 'TICKET_OPENED'"))
                .isEqualTo(count("SELECT count(*) FROM tickets"));
    }
}
