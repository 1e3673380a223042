package dev.guanxi.crm.sales;

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
class LeadPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void aLeadIsCapturedMatchedAndConvertedIntoTheExistingCustomer() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        String unique = String.format("%06d", System.nanoTime() % 1_000_000);
        long existing = new Api(port, rep.token()).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "苏州恒达" + unique + "机械有限公司", "customerType", "BUSINESS"))).json().get("id").asLong();

        mvc.perform(post("/sales/leads").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("name", "").param("email", "nope"))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("must not be empty"),
                        containsString("must be a valid e-mail address"))));
        MvcResult created = mvc.perform(post("/sales/leads").session(session).with(csrf()).param("name", "孙丽")
                        .param("company", "苏州恒达" + unique + "机械股份有限公司").param("phone", "").param("email", ""))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = created.getResponse().getRedirectedUrl();
        mvc.perform(get(location).session(session).locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("look like the same person or company"),
                        containsString("id=\"target-" + existing + "\""))));
        MvcResult converted = mvc.perform(post(location + "/convert").session(session).with(csrf())
                        .param("version", "0").param("target", String.valueOf(existing))
                        .param("opportunityName", "生产线改造").param("amount", "500000"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(converted.getResponse().getRedirectedUrl()).isEqualTo("/customers/" + existing);
        long leadId = Long.parseLong(location.substring("/sales/leads/".length()));
        assertThat(jdbc.sql("SELECT status FROM leads WHERE id = ?").param(leadId).query(String.class).single())
                .isEqualTo("CONVERTED");
        assertThat(jdbc.sql("SELECT count(*) FROM opportunities WHERE customer_id = ? AND name = '生产线改造'")
                .param(existing).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/sales/leads").param("status", "CONVERTED").param("q", unique).session(session)
                        .locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("孙丽"), containsString("Converted"))));
    }
}
