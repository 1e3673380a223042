package dev.guanxi.crm.analytics;

import dev.guanxi.crm.analytics.internal.PivotFactTables;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PivotPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    long team;
    Account rep;
    Account manager;
    MockHttpSession repSession;
    MockHttpSession managerSession;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        team = accounts.team("pivot-pages");
        rep = accounts.user(Role.SALES_REP, team);
        manager = accounts.manager(team);
        repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        managerSession = Sessions.login(mvc, manager.username(), TestAccounts.PASSWORD);
        long customer = new Api(port, rep.token()).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "透视页面 " + System.nanoTime(), "customerType", "BUSINESS", "province", "江苏省",
                "city", "南京市"))).json().get("id").asLong();
        jdbc.sql("""
                        INSERT INTO orders (customer_id, owner_id, team_id, status, order_date, total)
                        VALUES (?, ?, ?, 'CONFIRMED', ?, ?)""")
                .params(customer, rep.id(), team, LocalDate.now().withDayOfMonth(1), new BigDecimal("4321.00")).update();
        context.getBean(PivotFactTables.class).rebuild();
        Api.Response opportunity = new Api(port, rep.token()).post("/api/v1/opportunities", Api.json(Map.of(
                "customerId", customer, "name", "Dashboard deal", "amount", "8000")));
        assertThat(opportunity.status()).as(opportunity.body()).isEqualTo(201);
    }

    @Test
    void pivotPageShowsTableTotalsDrillLinksChartAndExports() throws Exception {
        mvc.perform(get("/analytics/pivot").param("rows", "province").param("cols", "year")
                        .param("team", String.valueOf(team)).session(repSession).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"pivot-table\""), containsString("江苏省"),
                        containsString("¥4,321"), containsString("rows=city"), containsString("province=%E6%B1%9F"),
                        containsString("pivot-chart"), containsString("id=\"export-xlsx\""),
                        not(containsString("link-dashboard")))));
        mvc.perform(get("/analytics/pivot").session(managerSession))
                .andExpect(status().isOk()).andExpect(content().string(containsString("link-dashboard")));
        mvc.perform(get("/analytics/pivot").param("rows", "year").param("team", String.valueOf(team))
                        .session(repSession).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andExpect(content().string(containsString("透视报表")));
        mvc.perform(get("/analytics/pivot").param("rows", "nonsense").param("from", "2021-02-30")
                        .session(repSession).locale(Locale.ENGLISH))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("pivot-errors"),
                        containsString("&#39;nonsense&#39; is not a dimension"), containsString("is not a date"),
                        not(containsString("id=\"pivot-table\"")))));
        mvc.perform(get("/analytics/pivot/export").param("format", "xlsx").param("rows", "month")
                        .param("team", String.valueOf(team)).session(repSession))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("spreadsheetml")));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor_id = ? AND action = 'EXPORT' "
                + "AND entity_type = 'pivot'").param(rep.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void managerDashboardShowsTrendAndPipelineOnlyToManagersAnalystsAndAdmins() throws Exception {
        mvc.perform(get("/analytics/dashboard").session(managerSession).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("trend-chart"), containsString("compare-chart"),
                        containsString("id=\"pipeline-table\""), containsString("Qualification (10%)"),
                        containsString("¥8,000"), containsString("4321"))));
        mvc.perform(get("/analytics/dashboard").session(repSession)).andExpect(status().isForbidden());
    }
}
