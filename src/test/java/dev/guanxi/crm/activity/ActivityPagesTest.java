package dev.guanxi.crm.activity;

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

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ActivityPagesTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    Account manager;
    Account rep;
    Account teammate;
    MockHttpSession repSession;
    MockHttpSession managerSession;
    long customerId;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("pages-activity");
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team, "小李 Li");
        teammate = accounts.user(Role.SALES_REP, team, "小王 Wang");
        repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        managerSession = Sessions.login(mvc, manager.username(), TestAccounts.PASSWORD);
        customerId = new Api(port, rep.token()).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "日程客户 " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
    }

    long activity(Account owner, String subject, LocalDateTime due) {
        Api.Response r = new Api(port, owner.token()).post("/api/v1/activities", Api.json(Map.of("type", "MEETING",
                "customerId", customerId, "subject", subject, "dueAt", due.atZone(ZONE).toInstant().toString())));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void theCustomerPageLinksToTheActivityFormWhichShowsErrorsNextToFields() throws Exception {
        mvc.perform(get("/customers/" + customerId).session(repSession))
                .andExpect(content().string(containsString("/activities/new?customerId=" + customerId)));
        mvc.perform(get("/activities/new").param("customerId", Long.toString(customerId)).session(repSession))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + customerId + "\"")));

        mvc.perform(post("/activities").session(repSession).with(csrf()).locale(Locale.ENGLISH)
                        .param("type", "CALL").param("customerId", Long.toString(customerId)).param("subject", "")
                        .param("durationMinutes", "half an hour").param("dueAt", "2026-13-45T99:00"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Please correct the marked fields."),
                        containsString("value=\"half an hour\""), containsString("must not be empty"))));
        assertThat(jdbc.sql("SELECT count(*) FROM activities WHERE customer_id = ?").param(customerId)
                .query(Long.class).single()).isZero();

        mvc.perform(post("/activities").session(repSession).with(csrf())
                        .param("type", "VISIT").param("customerId", Long.toString(customerId))
                        .param("subject", "上门拜访").param("durationMinutes", "90").param("dueAt", "2030-03-04T10:30"))
                .andExpect(redirectedUrlPattern("/activities/*"));
        long id = jdbc.sql("SELECT id FROM activities WHERE customer_id = ?").param(customerId).query(Long.class).single();
        mvc.perform(get("/activities/" + id).session(repSession).locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("上门拜访"), containsString("2030-03-04 10:30"),
                        containsString("data-confirm"))));
        mvc.perform(get("/activities/" + id + "/edit").session(repSession))
                .andExpect(content().string(containsString("value=\"2030-03-04T10:30\"")));
        mvc.perform(post("/activities/" + id + "/complete").session(repSession).with(csrf()).param("version", "0"))
                .andExpect(redirectedUrlPattern("/activities/*"));
        mvc.perform(get("/activities").param("customerId", Long.toString(customerId)).param("status", "done")
                        .session(repSession).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(allOf(containsString("上门拜访"), containsString("已完成"))));
        mvc.perform(get("/activities").param("from", "not-a-date").session(repSession))
                .andExpect(status().isOk());
    }

    @Test
    void theCalendarShowsTheWeekAndMonthOfAUserOrTeam() throws Exception {
        LocalDate monday = LocalDate.of(2031, 6, 2);
        long mine = activity(rep, "周一电话 Monday", monday.atTime(9, 0));
        long teammates = activity(teammate, "同事会议 Teammate", monday.plusDays(2).atTime(14, 30));
        long nextWeek = activity(rep, "下周 Next week", monday.plusDays(7).atTime(8, 0));

        mvc.perform(get("/activities/calendar").param("date", "2031-06-04").session(repSession))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("09:00 周一电话 Monday"),
                        not(containsString("Teammate")), not(containsString("Next week")),
                        containsString("data-date=\"2031-06-02\""), containsString("date=2031-05-26"),
                        containsString("date=2031-06-09"))));
        mvc.perform(get("/activities/calendar").param("view", "month").param("date", "2031-06-15")
                        .param("teamId", Long.toString(rep.teamId())).session(managerSession))
                .andExpect(content().string(allOf(containsString("周一电话 Monday"), containsString("14:30 同事会议 Teammate"),
                        containsString("下周 Next week"), containsString("data-date=\"2031-07-06\""),
                        containsString("date=2031-07-01"))));
        assertThat(mine).isNotEqualTo(teammates).isNotEqualTo(nextWeek);
    }

    @Test
    void notificationsShowAnUnreadCountAndAreMarkedRead() throws Exception {
        jdbc.sql("""
                INSERT INTO notifications (user_id, kind, source_ref, title, link)
                VALUES (?, 'REMINDER', 'test:1', '回电 Call back', '/activities'),
                       (?, 'LARGE_ORDER', 'test:2', '600000.00 CNY', NULL)""")
                .params(rep.id(), rep.id()).update();
        mvc.perform(get("/customers").session(repSession))
                .andExpect(content().string(containsString("hx-get=\"/notifications/count\"")));
        mvc.perform(get("/notifications/count").session(repSession)).andExpect(content().string("2"));
        mvc.perform(get("/notifications/count").session(managerSession)).andExpect(content().string(""));
        mvc.perform(get("/notifications").session(repSession).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(allOf(containsString("回电 Call back"), containsString("2 条未读"),
                        containsString("大额订单"))));

        long id = jdbc.sql("SELECT id FROM notifications WHERE user_id = ? AND source_ref = 'test:1'")
                .param(rep.id()).query(Long.class).single();
        mvc.perform(post("/notifications/" + id + "/read").session(managerSession).with(csrf()));
        mvc.perform(get("/notifications/count").session(repSession)).andExpect(content().string("2"));
        mvc.perform(post("/notifications/" + id + "/read").session(repSession).with(csrf()))
                .andExpect(redirectedUrlPattern("/notifications*"));
        mvc.perform(get("/notifications/count").session(repSession)).andExpect(content().string("1"));
        mvc.perform(post("/notifications/read-all").session(repSession).with(csrf()));
        mvc.perform(get("/notifications/count").session(repSession)).andExpect(content().string(""));
    }
}
