package dev.guanxi.crm.sales;

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
import org.springframework.test.web.servlet.MvcResult;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PipelinePagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    Account rep;
    MockHttpSession session;
    long customerId;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("pipe-pages"));
        session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        customerId = new Api(port, rep.token()).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "Board Co " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
    }

    @Test
    void opportunitiesAreCreatedMovedOnTheBoardAndLostWithAReason() throws Exception {
        mvc.perform(post("/sales/opportunities").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("customerId", String.valueOf(customerId)).param("name", "").param("amount", "abc"))
                .andExpect(status().isOk()).andExpect(content().string(allOf(
                        containsString("must not be empty"), containsString("must be a number"))));
        MvcResult created = mvc.perform(post("/sales/opportunities").session(session).with(csrf())
                        .param("customerId", String.valueOf(customerId)).param("name", "云平台采购")
                        .param("amount", "88000").param("stage", "QUALIFICATION").param("expectedClose", "2027-03-01"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = created.getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring("/sales/opportunities/".length()));
        mvc.perform(get("/sales/opportunities").param("ownerId", String.valueOf(rep.id())).session(session)
                        .locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("云平台采购"), containsString("¥88,000"),
                        containsString("id=\"column-QUALIFICATION\""),
                        // a card moves one stage on, through a form that carries the CSRF field
                        containsString("<form method=\"post\" action=\"" + location + "/stage\">\n"
                                + "            <input type=\"hidden\" name=\"_csrf\""),
                        containsString("name=\"stage\" value=\"NEEDS_ANALYSIS\""))));
        mvc.perform(post(location + "/stage").session(session).with(csrf()).param("version", "0")
                        .param("stage", "NEEDS_ANALYSIS").param("fromBoard", "true"))
                .andExpect(status().is3xxRedirection());
        MvcResult noReason = mvc.perform(post(location + "/stage").session(session).with(csrf()).param("version", "1")
                .param("stage", "LOST")).andReturn();
        assertThat(noReason.getFlashMap().get("error")).isEqualTo("validation.loss-reason");
        mvc.perform(post(location + "/stage").session(session).with(csrf()).param("version", "1")
                .param("stage", "LOST").param("lossReason", "选择了竞争对手")).andExpect(status().is3xxRedirection());
        mvc.perform(get(location).session(session).locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("选择了竞争对手"), containsString("Lost"),
                        containsString("NEEDS_ANALYSIS"))));
        assertThat(jdbc.sql("SELECT stage FROM opportunities WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("LOST");
        mvc.perform(get("/sales/funnel").param("ownerId", String.valueOf(rep.id())).session(session)
                        .locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("id=\"funnel-chart\""), containsString("0.0%"),
                        containsString("0 won, 1 lost"))));
        mvc.perform(get("/sales/opportunities/list").param("stage", "LOST").param("ownerId", String.valueOf(rep.id()))
                        .session(session))
                .andExpect(content().string(containsString("云平台采购")));
        mvc.perform(get("/sales/funnel").param("lang", "zh_CN").session(session))
                .andExpect(content().string(containsString("赢单率")));
    }
}
