package dev.guanxi.crm.service;

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

import java.util.Map;

import static dev.guanxi.crm.identity.internal.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The service pages: dashboard, ticket list and page with workflow steps and replies, knowledge base, SLA. */
@IntegrationTest
class ServicePagesTest {

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    dev.guanxi.crm.service.internal.SurveyLinks links;

    Account agent;
    MockHttpSession session;
    long customerId;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        agent = accounts.user(Role.SERVICE_AGENT, null);
        session = Sessions.login(mvc, agent.username(), PASSWORD);
        customerId = new Api(port, agent.token()).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "页面客户 " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
    }

    @Test
    void anAgentOpensAComplaintOnTheFormAndWalksItToClosed() throws Exception {
        mvc.perform(get("/service/tickets/new").param("customerId", Long.toString(customerId)).session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ticket-form")));
        mvc.perform(post("/service/tickets").session(session).with(csrf()).param("type", "COMPLAINT")
                        .param("channel", "PHONE").param("priority", "URGENT").param("customerId", "")
                        .param("subject", ""))
                .andExpect(status().isOk()).andExpect(content().string(containsString("is-invalid")));
        String location = mvc.perform(post("/service/tickets").session(session).with(csrf()).param("type", "COMPLAINT")
                        .param("channel", "PHONE").param("priority", "URGENT").param("customerId", Long.toString(customerId))
                        .param("subject", "页面投诉 Page complaint"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("step-RECORDED")))
                .andExpect(content().string(containsString("页面投诉 Page complaint")));
        mvc.perform(post(location + "/transition").session(session).with(csrf()).param("version", "0")
                        .param("status", "CLOSED"))
                .andExpect(flash().attribute("errorText", containsString("Allowed next steps: RECORDED")));
        mvc.perform(post(location + "/transition").session(session).with(csrf()).param("version", "0")
                        .param("status", "RECORDED").param("valid", "true"))
                .andExpect(flash().attributeExists("errorKeys"));
        step(location, 0, "RECORDED", "keyPoints", "包装破损", "valid", "true", "cause", "PRODUCT_QUALITY");
        step(location, 1, "SOLUTION_PROPOSED", "solution", "补发");
        step(location, 2, "CUSTOMER_CONFIRMED");
        step(location, 3, "FOLLOWED_UP", "followUp", "满意");
        step(location, 4, "CLOSED");
        mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"workflow\""))))
                .andExpect(content().string(not(containsString("step-"))));
        mvc.perform(post(location + "/comments").session(session).with(csrf()).param("body", "已补发")
                .param("customerVisible", "true")).andExpect(redirectedUrlPattern("/service/tickets/*"));
        mvc.perform(get("/service/tickets").session(session).param("customerId", Long.toString(customerId)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("/service/tickets/" + id)));
        mvc.perform(get("/service/tickets").session(session).param("priority", "HUGE"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("alert-warning")));
        // closing sent the customer a CSAT survey; their answer shows on the dashboard
        long invitation = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT id FROM survey_invitations WHERE ticket_id = ?").param(id).query(Long.class).optional(),
                java.util.Optional::isPresent).orElseThrow();
        java.time.Instant expires = jdbc.sql("SELECT expires_at FROM survey_invitations WHERE id = ?").param(invitation)
                .query(java.sql.Timestamp.class).single().toInstant();
        long answered = jdbc.sql("SELECT count(*) FROM survey_invitations WHERE kind = 'CSAT' AND answered_at IS NOT NULL "
                + "AND answered_at > now() - interval '11 months'").query(Long.class).single();
        mvc.perform(post("/s/" + links.token(invitation, expires)).with(csrf()).param("score", "5"))
                .andExpect(status().isOk());
        mvc.perform(get("/service").session(session).locale(java.util.Locale.ENGLISH)).andExpect(status().isOk())
                .andExpect(content().string(containsString("open-chart")))
                .andExpect(content().string(containsString("satisfaction-chart")))
                .andExpect(content().string(containsString((answered == 0 ? "· 1 answer" : "· " + (answered + 1) + " answers"))));
    }

    private void step(String location, int version, String status, String... fields) throws Exception {
        var request = post(location + "/transition").session(session).with(csrf())
                .param("version", Integer.toString(version)).param("status", status);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        mvc.perform(request).andExpect(flash().attribute("message", "ticket.moved"));
    }

    @Test
    void aTicketOfACustomerTheUserCannotSeeIsA404Page() throws Exception {
        long id = new Api(port, agent.token()).post("/api/v1/tickets", Api.json(Map.of("type", "INQUIRY",
                "channel", "CHAT", "priority", "LOW", "customerId", customerId, "subject", "hidden"))).json().get("id").asLong();
        TestAccounts accounts = new TestAccounts(context);
        Account outsider = accounts.user(Role.SALES_REP, accounts.team("pages-other"));
        MockHttpSession other = Sessions.login(mvc, outsider.username(), PASSWORD);
        mvc.perform(get("/service/tickets/" + id).session(other)).andExpect(status().isNotFound());
        mvc.perform(get("/service/tickets").session(other).param("customerId", Long.toString(customerId)))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString("/service/tickets/" + id))));
        mvc.perform(get("/service/tickets/" + id).session(session)).andExpect(status().isOk());
    }

    @Test
    void anEscalatedTicketShowsItsBadgeBreachesAndEscalationsAtEachComplaintStep() throws Exception {
        Api api = new Api(port, agent.token());
        long id = api.post("/api/v1/tickets", Api.json(Map.of("type", "COMPLAINT", "channel", "CHAT", "priority", "URGENT",
                "customerId", customerId, "subject", "超时了 Too late"))).json().get("id").asLong();
        jdbc.sql("UPDATE tickets SET first_response_due = now() - interval '2 hours', resolution_due = now() - interval '1 hour' WHERE id = ?")
                .param(id).update();
        context.getBean(dev.guanxi.crm.service.internal.Escalations.class).run();
        mvc.perform(get("/service/tickets/" + id).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("escalation-badge")))
                .andExpect(content().string(containsString("First response deadline missed")))
                .andExpect(content().string(containsString("Escalated (level 2)")))
                .andExpect(content().string(containsString("overdue by")));
        api.post("/api/v1/tickets/" + id + "/transitions?version=0", Api.json(Map.of("status", "RECORDED",
                "keyPoints", "late", "valid", false, "invalidReason", "no", "cause", "CUSTOMER_MISUSE")));
        new Api(port, agent.token()).post("/api/v1/kb/articles", Api.json(Map.of("title", "退货须知 " + id,
                "body", "请保留包装 keep the box " + id)));
        mvc.perform(get("/service/tickets/" + id).session(session).param("kbq", "退货须知 " + id)).andExpect(status().isOk())
                .andExpect(content().string(containsString("请保留包装 keep the box " + id + "</textarea>")))
                .andExpect(content().string(containsString("Customer misuse")))
                .andExpect(content().string(containsString("step-CLOSED")))
                .andExpect(content().string(not(containsString("step-SOLUTION_PROPOSED"))));
    }

    @Test
    void managersSaveTheBusinessCalendarOnTheSlaPage() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        Account manager = accounts.manager(accounts.team("pages-sla"));
        MockHttpSession managerSession = Sessions.login(mvc, manager.username(), PASSWORD);
        mvc.perform(get("/service/sla").session(managerSession)).andExpect(status().isOk())
                .andExpect(content().string(containsString("policy-form")));
        var calendar = new Api(port, manager.token()).get("/api/v1/service/calendar").json();
        StringBuilder holidays = new StringBuilder();
        calendar.get("holidays").forEach(h -> holidays.append(h.get("day").asString()).append(' ')
                .append(h.get("name").asString()).append('\n'));
        var save = post("/service/sla/calendar").session(managerSession).with(csrf())
                .param("zone", calendar.get("zone").asString()).param("dayStart", "09:00").param("dayEnd", "18:00")
                .param("holidays", holidays.toString()).param("version", calendar.get("version").asString());
        calendar.get("workDays").forEach(d -> save.param("workDays", d.asString()));
        mvc.perform(save).andExpect(flash().attribute("message", "sla.calendar-saved"));
        var after = new Api(port, manager.token()).get("/api/v1/service/calendar").json();
        assertThat(after.get("holidays")).isEqualTo(calendar.get("holidays"));
        assertThat(after.get("version").asInt()).isEqualTo(calendar.get("version").asInt() + 1);
        mvc.perform(post("/service/sla/calendar").session(managerSession).with(csrf()).param("zone", "Asia/Shanghai")
                        .param("workDays", "MONDAY").param("dayStart", "09:00").param("dayEnd", "18:00")
                        .param("holidays", "first of May").param("version", after.get("version").asString()))
                .andExpect(flash().attribute("errorKeys", java.util.List.of("sla.validation.holiday")));
        mvc.perform(post("/service/sla/calendar").session(session).with(csrf()).param("zone", "Asia/Shanghai")
                        .param("workDays", "MONDAY").param("dayStart", "09:00").param("dayEnd", "18:00")
                        .param("version", after.get("version").asString()))
                .andExpect(status().isForbidden());
    }

    @Test
    void knowledgeBaseAndSlaPagesRender() throws Exception {
        String location = mvc.perform(post("/service/kb").session(session).with(csrf()).param("title", "页面文章")
                        .param("body", "# 步骤\n<script>x</script>").param("tags", "售后，退货"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1>步骤</h1>")))
                .andExpect(content().string(containsString("&lt;script&gt;x&lt;/script&gt;")));
        mvc.perform(get("/service/kb").session(session).param("q", "文章")).andExpect(status().isOk())
                .andExpect(content().string(containsString(location)));
        mvc.perform(get("/service/sla").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Asia/Shanghai")))
                .andExpect(content().string(containsString("2026-10-01")))
                .andExpect(content().string(not(containsString("policy-form"))));
    }
}
