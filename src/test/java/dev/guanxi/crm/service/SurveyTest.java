package dev.guanxi.crm.service;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.service.internal.SurveyLinks;
import dev.guanxi.crm.service.internal.SurveyMailJob;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** CSAT after a closed ticket, NPS campaigns, the public answer page and its signed links, the report. */
@IntegrationTest
@EnableScenarios
class SurveyTest {

    static final AtomicLong TICKETS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    SurveyLinks links;
    @Autowired
    SatisfactionScores scores;
    @Autowired
    SurveyMailJob mailJob;
    @Autowired
    JavaMailSenderImpl sender;

    Account agent;
    Account marketer;
    Account rep;
    long team;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        team = accounts.team("service");
        agent = accounts.user(Role.SERVICE_AGENT, team, "客服小王 Agent Wang");
        marketer = accounts.user(Role.MARKETER, null);
        rep = accounts.user(Role.SALES_REP, accounts.team("sales"));
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    long customer(String name, String email, String tag) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("kind", "PERSON", "name", name, "customerType", "CONSUMER"));
        if (email != null) {
            body.put("email", email);
        }
        if (tag != null) {
            body.put("tags", java.util.List.of(tag));
        }
        Api.Response r = as(rep).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long invitations(long ticketId) {
        return jdbc.sql("SELECT count(*) FROM survey_invitations WHERE ticket_id = ?").param(ticketId)
                .query(Long.class).single();
    }

    /** Closes a ticket (the event only: tickets are another helper's) and returns its invitation's link token. */
    String closeTicket(Scenario scenario, long customerId) {
        long ticketId = TICKETS.incrementAndGet();
        TicketClosed closed = new TicketClosed(ticketId, customerId, null, agent.id(), team, "COMPLAINT", Instant.now());
        scenario.publish(closed).andWaitForStateChange(() -> invitations(ticketId)).andVerify(n -> assertThat(n).isEqualTo(1));
        long id = jdbc.sql("SELECT id FROM survey_invitations WHERE ticket_id = ?").param(ticketId).query(Long.class).single();
        Instant expires = jdbc.sql("SELECT expires_at FROM survey_invitations WHERE id = ?").param(id)
                .query(java.sql.Timestamp.class).single().toInstant();
        return links.token(id, expires);
    }

    @Test
    void aClosedTicketGetsOneCsatSurveyEvenWhenTheEventIsRedelivered(Scenario scenario) {
        long customerId = customer("张伟 Zhang Wei", null, null);
        long ticketId = TICKETS.incrementAndGet();
        TicketClosed closed = new TicketClosed(ticketId, customerId, null, agent.id(), team, "INQUIRY", Instant.now());
        scenario.publish(closed).andWaitForStateChange(() -> invitations(ticketId)).andVerify(n -> assertThat(n).isEqualTo(1));
        scenario.publish(closed).andWaitForStateChange(() -> jdbc.sql(
                        "SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
                .param("%\"ticketId\":" + ticketId + ",%").query(Long.class).single(), n -> n == 0)
                .andVerify(n -> assertThat(invitations(ticketId)).isEqualTo(1));

        Map<String, Object> row = jdbc.sql("SELECT kind, agent_id, team_id, language, expires_at FROM survey_invitations "
                + "WHERE ticket_id = ?").param(ticketId).query().singleRow();
        assertThat(row.get("kind")).isEqualTo("CSAT");
        assertThat(((Number) row.get("agent_id")).longValue()).isEqualTo(agent.id());
        assertThat(((java.sql.Timestamp) row.get("expires_at")).toInstant())
                .isCloseTo(Instant.now().plus(14, ChronoUnit.DAYS), org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
    }

    @Test
    void theCustomerAnswersOnThePublicPageWithoutLoginOnceInTheirLanguage(Scenario scenario) throws Exception {
        long customerId = customer("李娜 Li Na", "lina@example.cn", null);
        String token = closeTicket(scenario, customerId);

        mvc.perform(get("/s/" + token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("李娜 Li Na")))
                .andExpect(content().string(containsString("您对我们处理您的问题的方式满意吗")))
                .andExpect(content().string(containsString("id=\"score-5\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(not(containsString("lina@example.cn"))));
        mvc.perform(get("/s/" + token).param("lang", "en"))
                .andExpect(content().string(containsString("How satisfied are you")));
        mvc.perform(post("/s/" + token).param("score", "4").param("comment", "谢谢 quick help"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/s/" + token).with(csrf()).param("score", "9"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("1")));
        mvc.perform(post("/s/" + token).with(csrf()).param("score", "4").param("comment", "谢谢 quick help"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("survey-thanks")));
        mvc.perform(post("/s/" + token).with(csrf()).param("score", "1"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("survey-answered")));
        mvc.perform(get("/s/" + token)).andExpect(status().isOk())
                .andExpect(content().string(containsString("survey-answered")));

        assertThat(jdbc.sql("SELECT score FROM survey_invitations WHERE customer_id = ?").param(customerId)
                .query(Integer.class).single()).isEqualTo(4);
        assertThat(scores.latestCsat(customerId)).hasValueSatisfying(s -> assertThat(s.score()).isEqualTo(4));
        await().untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT detail FROM customer_timeline WHERE customer_id = ? AND kind = 'SURVEY_ANSWERED'""")
                .param(customerId).query(String.class).list()).containsExactly("谢谢 quick help"));
    }

    @Test
    void aGeneratedSecretIsStoredSoEveryInstanceSignsAlike() {
        assertThat(jdbc.sql("SELECT count(*) FROM survey_settings WHERE name = 'link-secret'").query(Long.class).single())
                .isEqualTo(1);
        SurveyLinks anotherInstance = new SurveyLinks(jdbc, "");
        String token = links.token(7, Instant.parse("2031-01-01T00:00:00Z"));
        assertThat(anotherInstance.verify(token)).isPresent();
        assertThat(anotherInstance.token(7, Instant.parse("2031-01-01T00:00:00Z"))).isEqualTo(token);
    }

    @Test
    void tamperedExpiredAndReusedLinksAreRejected(Scenario scenario) throws Exception {
        long customerId = customer("王芳 Wang Fang", null, null);
        String token = closeTicket(scenario, customerId);
        String[] p = token.split("\\.");
        String otherId = (Long.parseLong(p[0]) + 1) + "." + p[1] + "." + p[2];
        String longer = p[0] + "." + (Long.parseLong(p[1]) + 86_400) + "." + p[2];

        for (String bad : new String[]{otherId, longer, token + "x", "1.2.3", "nonsense"}) {
            mvc.perform(get("/s/" + bad)).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("survey-invalid")))
                    .andExpect(content().string(not(containsString("王芳"))));
            mvc.perform(post("/s/" + bad).with(csrf()).param("score", "5")).andExpect(status().isNotFound());
            assertThat(as(agent).post("/api/v1/surveys/answers", Api.json(Map.of("token", bad, "score", 5))).status())
                    .isEqualTo(404);
        }

        Api.Response outOfRange = as(agent).post("/api/v1/surveys/answers", Api.json(Map.of("token", token, "score", 6)));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("score");
        Api.Response answered = as(agent).post("/api/v1/surveys/answers",
                Api.json(Map.of("token", token, "score", 5, "comment", "电话回访 by phone")));
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        Api.Response reused = as(agent).post("/api/v1/surveys/answers", Api.json(Map.of("token", token, "score", 1)));
        assertThat(reused.status()).isEqualTo(409);

        String expiring = closeTicket(scenario, customerId);
        long id = Long.parseLong(expiring.split("\\.")[0]);
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("UPDATE survey_invitations SET expires_at = ? WHERE id = ?").params(java.sql.Timestamp.from(past), id).update();
        String expired = links.token(id, past);
        mvc.perform(get("/s/" + expired)).andExpect(status().isGone())
                .andExpect(content().string(containsString("survey-expired")));
        mvc.perform(post("/s/" + expired).with(csrf()).param("score", "5")).andExpect(status().isGone());
        assertThat(as(agent).post("/api/v1/surveys/answers", Api.json(Map.of("token", expired, "score", 5))).status())
                .isEqualTo(410);
        // the link signed with the old expiry no longer matches the invitation
        mvc.perform(get("/s/" + expiring)).andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT answered_at FROM survey_invitations WHERE id = ?").param(id)
                .query(java.sql.Timestamp.class).optional()).isEmpty();
    }

    @Test
    void anNpsCampaignCanTargetAMarketingSegment() {
        String tag = "nps-seg-" + System.nanoTime();
        long a = customer("钱多多 Qian", "qian@example.cn", tag);
        long b = customer("孙悟 Sun", null, tag);
        customer("Not in the segment", "y@example.cn", null);
        Api.Response segment = as(marketer).post("/api/v1/segments", Api.json(Map.of("name", "NPS " + tag,
                "rules", Map.of("match", "ALL", "rules", List.of(Map.of("field", "tags", "operator", "has_tag",
                        "value", tag))))));
        assertThat(segment.status()).as(segment.body()).isEqualTo(201);
        long segmentId = segment.json().get("id").asLong();

        Api.Response both = as(marketer).post("/api/v1/surveys/campaigns", Api.json(Map.of("name", "both",
                "segmentId", segmentId, "tag", tag)));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("segmentId");
        assertThat(as(marketer).post("/api/v1/surveys/campaigns", Api.json(Map.of("name", "none",
                "segmentId", 987654321))).status()).isEqualTo(400);

        long campaignId = as(marketer).post("/api/v1/surveys/campaigns", Api.json(Map.of("name", "Segment NPS " + tag,
                "segmentId", segmentId))).json().get("id").asLong();
        Api.Response sent = as(marketer).post("/api/v1/surveys/campaigns/" + campaignId + "/send?version=0", "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("invited").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT customer_id FROM survey_invitations WHERE campaign_id = ? ORDER BY customer_id")
                .param(campaignId).query(Long.class).list()).containsExactly(Math.min(a, b), Math.max(a, b));
    }

    @Test
    void anNpsCampaignInvitesTheFilteredCustomersOnceMailsThemAndReportsTheScore() throws Exception {
        String tag = "nps-" + System.nanoTime();
        long promoter = customer("赵敏 Zhao Min", "zhaomin@example.cn", tag);
        long detractor = customer("周杰 Zhou Jie", null, tag);
        long passive = customer("吴昊 Wu Hao", "wuhao@example.cn", tag);
        customer("Not targeted", "x@example.cn", null);

        Api.Response bad = as(marketer).post("/api/v1/surveys/campaigns", Api.json(Map.of("name", " ", "language", "fr")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("name").contains("language");
        assertThat(as(rep).post("/api/v1/surveys/campaigns", Api.json(Map.of("name", "x"))).status()).isEqualTo(403);

        Api.Response created = as(marketer).post("/api/v1/surveys/campaigns",
                Api.json(Map.of("name", "2026 Q4 NPS", "language", "en", "tag", tag, "expiryDays", 7)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long campaignId = created.json().get("id").asLong();
        Api.Response noVersion = as(marketer).post("/api/v1/surveys/campaigns/" + campaignId + "/send", "");
        assertThat(noVersion.status()).isEqualTo(400);
        Api.Response sent = as(marketer).post("/api/v1/surveys/campaigns/" + campaignId + "/send?version=0", "");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("invited").asInt()).isEqualTo(3);
        assertThat(as(marketer).post("/api/v1/surveys/campaigns/" + campaignId + "/send?version=1", "").status())
                .as("a campaign is sent once").isEqualTo(409);

        int configuredPort = sender.getPort();
        sender.setPort(smtp.getSmtp().getPort());
        try {
            while (mailJob.mailPending() > 0) {
                // every pending invitation of the shared database, a batch at a time
            }
        } finally {
            sender.setPort(configuredPort);
        }
        assertThat(jdbc.sql("SELECT customer_id, mail_status FROM survey_invitations WHERE campaign_id = ? ORDER BY customer_id")
                .param(campaignId).query((rs, n) -> rs.getLong(1) + ":" + rs.getString(2)).list())
                .containsExactly(promoter + ":SENT", detractor + ":NO_ADDRESS", passive + ":SENT");
        MimeMessage[] mails = smtp.getReceivedMessages();
        MimeMessage toZhao = java.util.Arrays.stream(mails)
                .filter(m -> { try { return m.getAllRecipients()[0].toString().equals("zhaomin@example.cn"); }
                               catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        assertThat(toZhao.getSubject()).isEqualTo("Would you recommend us?");
        String body = toZhao.getContent().toString();
        assertThat(body).contains("Zhao Min").contains("/s/");

        JsonNode list = as(marketer).get("/api/v1/surveys/invitations?campaignId=" + campaignId).json().get("items");
        assertThat(list).hasSize(3);
        Map<Long, String> linkOf = new LinkedHashMap<>();
        list.forEach(i -> linkOf.put(i.get("invitation").get("customerId").asLong(), i.get("link").asString()));
        assertThat(body).contains(linkOf.get(promoter));
        mvc.perform(get(linkOf.get(promoter))).andExpect(status().isOk())
                .andExpect(content().string(containsString("recommend us to a friend")));
        answer(linkOf.get(promoter), 10);
        answer(linkOf.get(detractor), 3);
        answer(linkOf.get(passive), 8);

        assertThat(scores.npsByCustomer(java.util.List.of(promoter, detractor, passive, 0L)))
                .hasSize(3).hasEntrySatisfying(promoter, s -> assertThat(s.score()).isEqualTo(10));
        JsonNode report = as(marketer).get("/api/v1/surveys/report?by=AGENT").json();
        JsonNode row = null;
        for (JsonNode r : report.get("npsByCampaign")) {
            if (r.get("key").asString().equals(String.valueOf(campaignId))) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("label").asString()).isEqualTo("2026 Q4 NPS");
        assertThat(row.get("nps").get("score").decimalValue()).isEqualByComparingTo("0.0");
        assertThat(row.get("nps").get("responses").asLong()).isEqualTo(3);
        assertThat(row.get("nps").get("distribution").get(10).asLong()).isEqualTo(1);
        assertThat(as(marketer).get("/api/v1/surveys/report?from=2026-02-01&to=2026-01-01").status()).isEqualTo(400);
        assertThat(as(marketer).get("/api/v1/surveys/report?by=YEAR").status()).isEqualTo(400);
    }

    @Test
    void theCsatReportGroupsByAgentAndTheServicePagesRender(Scenario scenario) throws Exception {
        long customerId = customer("郑爽 Zheng Shuang", null, null);
        for (int score : new int[]{5, 4, 2}) {
            String token = closeTicket(scenario, customerId);
            assertThat(as(agent).post("/api/v1/surveys/answers", Api.json(Map.of("token", token, "score", score))).status())
                    .isEqualTo(201);
        }
        JsonNode report = as(agent).get("/api/v1/surveys/report?by=AGENT").json();
        JsonNode mine = null;
        for (JsonNode r : report.get("csatRows")) {
            if (r.get("key").asString().equals(String.valueOf(agent.id()))) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("label").asString()).isEqualTo("客服小王 Agent Wang");
        assertThat(mine.get("csat").get("mean").decimalValue()).isEqualByComparingTo("3.67");
        assertThat(mine.get("csat").get("satisfiedPct").decimalValue()).isEqualByComparingTo("66.7");
        assertThat(mine.get("csat").get("responses").asLong()).isEqualTo(3);

        var session = dev.guanxi.crm.support.Sessions.login(mvc, agent.username(), TestAccounts.PASSWORD);
        for (String page : new String[]{"/service/surveys", "/service/surveys?kind=CSAT&answered=true",
                "/service/surveys/campaigns", "/service/surveys/report?by=TEAM", "/service/surveys/report?by=WEEK",
                "/service/returns", "/service/returns/new"}) {
            mvc.perform(get(page).session(session)).andExpect(status().isOk())
                    .andExpect(content().string(containsString("aftersales-nav")));
        }
        mvc.perform(get("/service/surveys/report").session(session).locale(java.util.Locale.ENGLISH))
                .andExpect(content().string(containsString("Agent Wang")));
    }

    void answer(String link, int score) throws Exception {
        mvc.perform(post(link).with(csrf()).param("score", String.valueOf(score))).andExpect(status().isOk());
    }
}
