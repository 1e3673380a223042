package dev.guanxi.crm.activity;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.guanxi.crm.activity.internal.Reminders;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

/** A reminder is e-mailed over real SMTP (GreenMail) to the address the user set, once. */
@IntegrationTest
class NotificationMailTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Reminders reminders;
    @Autowired
    JavaMailSenderImpl sender;

    int configuredPort;

    @BeforeEach
    void pointMailAtGreenMail() {
        configuredPort = sender.getPort();
        sender.setPort(smtp.getSmtp().getPort());
    }

    @AfterEach
    void restore() {
        sender.setPort(configuredPort);
    }

    @Test
    void aReminderIsEMailedToTheUsersNotificationAddressOnce() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(post("/notifications/email").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("email", "not an address"))
                .andExpect(content().string(containsString("must be a valid e-mail address")));
        mvc.perform(post("/notifications/email").session(session).with(csrf()).param("email", "li@example.cn"))
                .andExpect(redirectedUrlPattern("/notifications*"));

        long id = jdbc.sql("""
                        INSERT INTO activities (type, customer_id, subject, due_at, owner_id, created_by)
                        VALUES ('VISIT', 1, '拜访王总 Visit Mr Wang', now() + interval '3 minutes', ?, ?) RETURNING id""")
                .params(rep.id(), rep.id()).query(Long.class).single();
        assertThat(reminders.remindDue()).contains(id);
        assertThat(reminders.remindDue()).doesNotContain(id);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("li@example.cn");
        assertThat(mails[0].getSubject()).contains("预约提醒", "拜访王总 Visit Mr Wang");
        assertThat((String) mails[0].getContent()).contains("/activities/" + id);
    }
}
