package dev.guanxi.crm.marketing.internal;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Messaging over real SMTP (GreenMail): opted-out customers receive nothing; unsubscribe links are signed. */
@IntegrationTest
class MessagingTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JavaMailSenderImpl sender;
    @Autowired
    MessageService messages;
    @Autowired
    MockMvc mvc;

    int configuredPort;
    Account marketer;
    Account rep;

    @BeforeEach
    void setUp() {
        configuredPort = sender.getPort();
        sender.setPort(smtp.getSmtp().getPort());
        TestAccounts accounts = new TestAccounts(context);
        marketer = accounts.user(Role.MARKETER, null);
        rep = accounts.user(Role.SALES_REP, accounts.team("messaging"));
    }

    @AfterEach
    void restore() {
        sender.setPort(configuredPort);
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    long customer(String name, String email, String phone) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "PERSON", "name", name, "customerType", "CONSUMER"));
        if (email != null) {
            body.put("email", email);
        }
        if (phone != null) {
            body.put("phone", phone);
        }
        Api.Response r = as(rep).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long template(String channel, String subject, String body) {
        Map<String, Object> t = new HashMap<>(Map.of("name", "模板 " + System.nanoTime(), "channel", channel, "body", body));
        if (subject != null) {
            t.put("subject", subject);
        }
        Api.Response r = as(marketer).post("/api/v1/message-templates", Api.json(t));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    JsonNode sendAndWait(long templateId, List<Long> customers) {
        Api.Response r = as(marketer).post("/api/v1/message-jobs", Api.json(Map.of("templateId", templateId,
                "customerIds", customers)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long job = r.json().get("job").get("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> as(marketer).get("/api/v1/message-jobs/" + job).json()
                .get("progress").get("status").asString().equals("DONE"));
        return as(marketer).get("/api/v1/message-jobs/" + job).json();
    }

    @Test
    void anOptedOutCustomerReceivesNothingAndTheUnsubscribeLinkIsSigned() throws Exception {
        String tag = Long.toString(System.nanoTime(), 36);
        long wang = customer("王<b>&</b> " + tag, "wang." + tag + "@example.cn", null);
        long li = customer("李 " + tag, "li." + tag + "@example.cn", null);
        long zhao = customer("赵 " + tag, null, null);
        Api.Response optOut = as(rep).put("/api/v1/customers/" + li + "/consents/EMAIL", "{\"optedOut\": true}", null);
        assertThat(optOut.status()).as(optOut.body()).isEqualTo(200);

        long t = template("EMAIL", "会员日 Member day {{name}}", "<p>您好 {{name}}，{{owner}} 为您准备了礼物。</p>");
        JsonNode done = sendAndWait(t, List.of(wang, li, zhao));
        assertThat(done.get("progress").get("sent").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("optedOut").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("noAddress").asInt()).isEqualTo(1);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("wang." + tag + "@example.cn");
        assertThat(mail.getSubject()).isEqualTo("会员日 Member day 王<b>&</b> " + tag);
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(mail.getHeader("List-Unsubscribe")[0]).contains("/u/");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT customer_id FROM customer_timeline WHERE kind = 'MESSAGE_SENT' AND source_ref LIKE ?")
                .param("message:" + done.get("job").get("id").asLong() + ":%").query(Long.class).list())
                .containsExactly(wang));

        // running the finished job again sends nobody twice
        messages.process(done.get("job").get("id").asLong());
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        // the unsubscribe link: a tampered token is a 404, the real one unsubscribes without login or CSRF token
        Matcher m = Pattern.compile("/u/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(mail.getHeader("List-Unsubscribe")[0]);
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(raw).contains("/u/" + token.substring(0, 10));
        String other = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((li + ".EMAIL").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String tampered = other + token.substring(token.indexOf('.'));
        mvc.perform(get("/u/" + tampered)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("unsubscribe-invalid")));
        mvc.perform(post("/u/" + tampered)).andExpect(status().isNotFound());
        mvc.perform(get("/u/" + token.substring(0, token.length() - 2) + "AA")).andExpect(status().isNotFound());
        mvc.perform(get("/u/not-a-token")).andExpect(status().isNotFound());
        mvc.perform(get("/u/" + token)).andExpect(status().isOk()).andExpect(content().string(containsString("unsubscribe")));
        assertThat(jdbc.sql("SELECT count(*) FROM marketing_consents WHERE customer_id = ?").param(wang)
                .query(Long.class).single()).isZero();
        mvc.perform(post("/u/" + token)).andExpect(status().isOk())
                .andExpect(content().string(containsString("unsubscribed")));
        assertThat(jdbc.sql("SELECT source FROM marketing_consents WHERE customer_id = ? AND channel = 'EMAIL' AND opted_out")
                .param(wang).query(String.class).single()).isEqualTo("UNSUBSCRIBE_LINK");

        // now nobody of the three receives the next send
        JsonNode again = sendAndWait(t, List.of(wang, li, zhao));
        assertThat(again.get("progress").get("sent").asInt()).isZero();
        assertThat(again.get("progress").get("optedOut").asInt()).isEqualTo(2);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void smsGoesThroughTheProviderAndHonoursItsOwnOptOut() {
        String tag = Long.toString(System.nanoTime(), 36);
        long chen = customer("陈 " + tag, "chen." + tag + "@example.cn", "138 0013 " + (1000 + (int) (Math.random() * 8999)));
        long zhou = customer("周 " + tag, null, "139 0013 0000");
        as(rep).put("/api/v1/customers/" + zhou + "/consents/SMS", "{\"optedOut\": true}", null);
        long t = template("SMS", null, "{{name}}您好，会员日优惠券 {{coupon}}");
        long job = messages.send(t, Map.of(chen, Map.of("coupon", "MD-" + tag), zhou, Map.of("coupon", "MD-X")),
                "member-day:test");
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.job(job).status().equals("DONE"));
        assertThat(messages.delivery().loggingSms().recent()).extracting(SmsLoggingProvider.Sent::text)
                .contains("陈 " + tag + "您好，会员日优惠券 MD-" + tag)
                .noneMatch(s -> s.startsWith("周 " + tag));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void templatesAndSendsAreValidatedAndPermissionChecked() {
        Api.Response unknown = as(marketer).post("/api/v1/message-templates", Api.json(Map.of("name", "x",
                "channel", "EMAIL", "subject", "Hi", "body", "Dear {{customerPassword}}")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("body", "customerPassword");
        assertThat(as(marketer).post("/api/v1/message-templates", Api.json(Map.of("name", "x", "channel", "FAX",
                "body", "x"))).status()).isEqualTo(400);
        assertThat(as(marketer).post("/api/v1/message-templates", Api.json(Map.of("name", "x", "channel", "EMAIL",
                "body", "x"))).body()).contains("subject");
        assertThat(as(rep).post("/api/v1/message-templates", Api.json(Map.of("name", "x", "channel", "SMS",
                "body", "x"))).status()).isEqualTo(403);

        long t = template("SMS", null, "Hi {{name}}");
        assertThat(as(marketer).post("/api/v1/message-jobs", Api.json(Map.of("templateId", t, "customerIds", List.of())))
                .body()).contains("customerIds");
        assertThat(as(marketer).post("/api/v1/message-jobs", Api.json(Map.of("templateId", t,
                "customerIds", List.of(Long.MAX_VALUE)))).status()).isEqualTo(400);
        assertThat(as(marketer).post("/api/v1/message-jobs", Api.json(Map.of("templateId", Long.MAX_VALUE,
                "customerIds", List.of(1)))).body()).contains("templateId");
        assertThat(as(rep).post("/api/v1/message-jobs", Api.json(Map.of("templateId", t, "customerIds", List.of(1))))
                .status()).isEqualTo(403);
        assertThat(as(rep).put("/api/v1/customers/1/consents/FAX", "{\"optedOut\": true}", null).status())
                .isEqualTo(400);
        assertThat(as(rep).put("/api/v1/customers/" + Long.MAX_VALUE + "/consents/SMS", "{\"optedOut\": true}", null)
                .status()).isEqualTo(404);
    }
}
