package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A marketer writes a template, sends it from the pages and watches the progress; staff record opt-outs. */
@IntegrationTest
class MessagePagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageService messages;
    @LocalServerPort
    int port;

    @Test
    void templateSendProgressAndConsentPages() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        Account marketer = accounts.user(Role.MARKETER, null);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("message-pages"));
        long customer = new Api(port, rep.token()).post("/api/v1/customers", Api.json(Map.of("kind", "PERSON",
                "name", "短信客户 " + System.nanoTime(), "customerType", "CONSUMER", "phone", "137 1234 5678")))
                .json().get("id").asLong();
        MockHttpSession session = Sessions.login(mvc, marketer.username(), TestAccounts.PASSWORD);

        mvc.perform(get("/marketing/messages").session(session).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andExpect(content().string(containsString("新建模板")));
        mvc.perform(get("/marketing/messages/templates/new").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("{{coupon}}")));
        mvc.perform(post("/marketing/messages/templates").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("name", "Welcome").param("channel", "SMS").param("body", "Hi {{nickname}}"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("unknown placeholder nickname")));
        String name = "欢迎短信 " + System.nanoTime();
        mvc.perform(post("/marketing/messages/templates").session(session).with(csrf())
                        .param("name", name).param("channel", "SMS").param("body", "{{name}}，欢迎！"))
                .andExpect(flash().attribute("message", "message.template.saved"));
        long template = jdbc.sql("SELECT id FROM message_templates WHERE name = ?").param(name).query(Long.class).single();
        mvc.perform(get("/marketing/messages/templates/" + template + "/edit").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString(name)));

        mvc.perform(get("/marketing/messages/send").param("templateId", String.valueOf(template)).session(session))
                .andExpect(status().isOk());
        mvc.perform(post("/marketing/messages/send").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("templateId", String.valueOf(template)).param("customerIds", "12, abc"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("is not a customer ID")));
        MvcResult sent = mvc.perform(post("/marketing/messages/send").session(session).with(csrf())
                        .param("templateId", String.valueOf(template)).param("customerIds", customer + "\n"))
                .andExpect(redirectedUrlPattern("/marketing/messages/jobs/*")).andReturn();
        long job = Long.parseLong(sent.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.job(job).status().equals("DONE"));
        mvc.perform(get("/marketing/messages/jobs/" + job).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andExpect(content().string(containsString("1 sent")));
        mvc.perform(get("/marketing/messages/jobs/" + job + "/progress").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("100%")));

        MockHttpSession repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/marketing/messages/templates/new").session(repSession)).andExpect(status().isForbidden());
        mvc.perform(get("/customers/" + customer).session(repSession).locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("/marketing/consents/" + customer)));
        mvc.perform(post("/marketing/consents/" + customer).session(repSession).with(csrf())
                        .param("channel", "SMS").param("optedOut", "true"))
                .andExpect(flash().attribute("message", "consent.saved"));
        mvc.perform(get("/marketing/consents/" + customer).session(repSession).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Opted out")));
        // both land on the customer's timeline (stored by the customer module's listener, after commit)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT count(*) FROM customer_timeline WHERE customer_id = ?
                          AND kind IN ('MESSAGE_SENT', 'CONSENT_OPTED_OUT')""")
                .param(customer).query(Long.class).single()).isEqualTo(2));
    }
}
