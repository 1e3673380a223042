package dev.guanxi.crm.customer;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import net.ttddyy.dsproxy.QueryCountHolder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Guards against N+1 queries: the main pages run a small, fixed number of SQL statements, whether they show one row
 * or a full page of rows owned by different users (statements counted per thread, guanxi.db.count-statements).
 */
@IntegrationTest
class StatementCountTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    /** A team whose members own {@code customers} customers between them, each with contacts and timeline entries. */
    record Team(Account rep, long firstCustomer) {
    }

    Team team(int customers, int contactsEach) {
        TestAccounts accounts = new TestAccounts(context);
        long teamId = accounts.team("statements");
        Account rep = accounts.user(Role.SALES_REP, teamId);
        long[] owners = {rep.id(), accounts.user(Role.SALES_REP, teamId).id(), accounts.user(Role.SALES_REP, teamId).id()};
        long first = 0;
        for (int i = 0; i < customers; i++) {
            long id = jdbc.sql("""
                            INSERT INTO customers (kind, name, customer_type, owner_id, team_id, phone, tags)
                            VALUES ('PERSON', ?, 'CONSUMER', ?, ?, '13800000000', ARRAY['a','b']) RETURNING id""")
                    .params("计数客户 " + i, owners[i % owners.length], teamId).query(Long.class).single();
            first = first == 0 ? id : first;
            for (int c = 0; c < contactsEach; c++) {
                jdbc.sql("INSERT INTO contacts (customer_id, name, phone) VALUES (?, ?, '13900000000')")
                        .params(id, "联系人 " + c).update();
                jdbc.sql("""
                                INSERT INTO customer_timeline (customer_id, occurred_at, kind, source, source_ref, title)
                                VALUES (?, now(), 'NOTE', 'test', ?, 'entry')""")
                        .params(id, id + ":" + c).update();
            }
        }
        return new Team(rep, first);
    }

    long statements(RequestBuilder request) throws Exception {
        mvc.perform(request).andExpect(status().isOk()); // warm-up: first-use work such as a token's last-use stamp
        QueryCountHolder.clear();
        mvc.perform(request).andExpect(status().isOk());
        long count = QueryCountHolder.getGrandTotal().getTotal();
        QueryCountHolder.clear();
        return count;
    }

    @Test
    void customerListPageRunsFixedStatementsWhateverItShows() throws Exception {
        Team one = team(1, 0);
        Team full = team(30, 0);
        Team fuller = team(80, 0);
        long single = statements(get("/customers").session(login(one)));
        long page = statements(get("/customers").session(login(full)));
        assertThat(statements(get("/customers").session(login(fuller)))).isEqualTo(page);
        assertThat(statements(get("/customers").param("page", "3").session(login(fuller)))).isEqualTo(page);
        assertThat(page).as("the page does not count; the count is its own request").isEqualTo(single)
                .isLessThanOrEqualTo(6);
        assertThat(statements(get("/customers/count").session(login(fuller)))).isLessThanOrEqualTo(3);
    }

    @Test
    void customer360PageRunsFixedStatementsWhateverItShows() throws Exception {
        Team few = team(1, 1);
        Team many = team(1, 12);
        long one = statements(get("/customers/" + few.firstCustomer()).session(login(few)));
        long twelve = statements(get("/customers/" + many.firstCustomer()).session(login(many)));
        // the page itself (customer, contacts, timeline, names, duplicates banner, merges) plus one or two statements
        // per panel of another module (scores, loyalty, consent, cross-sell): fixed, whatever the customer has. The
        // customer is read once, although the profile, contacts, timeline and the scores panel each check that the
        // viewer may see it (ReadOnlyTransactionMemo; 15 statements with four reads).
        assertThat(twelve).isEqualTo(one).isLessThanOrEqualTo(12);
    }

    @Test
    void apiListRunsFixedStatementsWhateverItShows() throws Exception {
        Team full = team(80, 0);
        String auth = "Bearer " + full.rep().token();
        long five = statements(get("/api/v1/customers").param("size", "5").header("Authorization", auth));
        long fifty = statements(get("/api/v1/customers").param("size", "50").header("Authorization", auth));
        long deep = statements(get("/api/v1/customers").param("size", "20").param("page", "4")
                .header("Authorization", auth));
        // measured on the second request, a kept page (CustomerListCache): the token with its user's account in one
        // statement (ApiTokens; its last use written at most once a minute) and the customers' change counter
        assertThat(fifty).isEqualTo(five).isEqualTo(deep).isEqualTo(2);
    }

    private MockHttpSession login(Team team) throws Exception {
        return Sessions.login(mvc, team.rep().username(), TestAccounts.PASSWORD);
    }
}
