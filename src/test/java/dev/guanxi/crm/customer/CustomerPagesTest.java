package dev.guanxi.crm.customer;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CustomerPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    Account rep;
    Account otherRep;
    Account analyst;
    MockHttpSession session;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("pages"));
        otherRep = accounts.user(Role.SALES_REP, accounts.team("pages-other"));
        analyst = accounts.user(Role.ANALYST, null);
        session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
    }

    long createThroughForm(String name) throws Exception {
        MvcResult r = mvc.perform(post("/customers").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("kind", "PERSON").param("name", name).param("customerType", "CONSUMER")
                        .param("settlement", "CASH").param("phone", "13812345678").param("province", "广东省")
                        .param("city", "深圳市").param("tags", "展会，老客户").param("customFields", "wechat=abc\nlevel=2")
                        .param("version", "0"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/customers/");
        return Long.parseLong(location.substring("/customers/".length()));
    }

    @Test
    void invalidSubmitShowsMessagesNextToFieldsAndKeepsInput() throws Exception {
        long before = jdbc.sql("SELECT count(*) FROM customers").query(Long.class).single();
        mvc.perform(post("/customers").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("kind", "PERSON").param("name", "").param("customerType", "CONSUMER")
                        .param("settlement", "CREDIT").param("phone", "call me").param("email", "nope")
                        .param("birthDate", "not-a-date").param("creditLimit", "lots").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Please correct the marked fields."),
                        containsString("must not be empty"),
                        containsString("must be a phone number"),
                        containsString("must be a valid e-mail address"),
                        containsString("must be a date (YYYY-MM-DD)"),
                        containsString("must be a number"),
                        containsString("value=\"call me\""),
                        containsString("value=\"nope\""))));
        assertThat(jdbc.sql("SELECT count(*) FROM customers").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void emptyOptionalFieldsAreAcceptedAsABrowserSendsThem() throws Exception {
        MvcResult r = mvc.perform(post("/customers").session(session).with(csrf())
                        .param("kind", "PERSON").param("name", "Minimal " + System.nanoTime())
                        .param("customerType", "CONSUMER").param("settlement", "CASH").param("phone", "")
                        .param("email", "").param("idNumber", "").param("birthDate", "").param("creditLimit", "")
                        .param("valueTier", "").param("gender", "").param("tags", "").param("customFields", "")
                        .param("ownerId", "").param("version", "0"))
                .andExpect(status().is3xxRedirection()).andReturn();
        long id = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/customers/".length()));
        assertThat(jdbc.sql("SELECT phone IS NULL AND id_number IS NULL AND email IS NULL FROM customers WHERE id = ?")
                .param(id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void creditCustomerNeedsLimitAndTermsInTheForm() throws Exception {
        mvc.perform(post("/customers").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("kind", "ORGANIZATION").param("name", "Credit Co").param("customerType", "BUSINESS")
                        .param("settlement", "CREDIT").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is required for credit customers")));
    }

    @Test
    void createdCustomerShowsOnThe360PageAndInTheList() throws Exception {
        String name = "深圳小明" + System.nanoTime() % 100000;
        long id = createThroughForm(name);
        mvc.perform(get("/customers/" + id).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(name), containsString("13812345678"),
                        containsString("展会"), containsString("老客户"), containsString("wechat"),
                        containsString("id=\"timeline\""), containsString("Created"))));
        mvc.perform(get("/customers").param("q", name.substring(2)).session(session))
                .andExpect(content().string(containsString(name)));
        mvc.perform(get("/customers").param("q", name.substring(2)).header("HX-Request", "true")
                        .header("HX-Target", "results").session(session))
                .andExpect(content().string(allOf(containsString(name), not(containsString("<nav class=\"navbar")))));
    }

    @Test
    void editingWithAStaleVersionShowsTheConflict() throws Exception {
        long id = createThroughForm("Stale " + System.nanoTime());
        mvc.perform(post("/customers/" + id).session(session).with(csrf()).param("kind", "PERSON")
                .param("name", "First edit").param("customerType", "CONSUMER").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/customers/" + id).session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("kind", "PERSON").param("name", "Second edit").param("customerType", "CONSUMER")
                        .param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Someone else changed this record"),
                        containsString("value=\"Second edit\""))));
    }

    @Test
    void deleteAndRestoreThroughThePages() throws Exception {
        long id = createThroughForm("Trash " + System.nanoTime());
        mvc.perform(post("/customers/" + id + "/delete").session(session).with(csrf()).param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/customers").param("deleted", "true").session(session))
                .andExpect(content().string(containsString("Trash ")));
        mvc.perform(post("/customers/" + id + "/restore").session(session).with(csrf()).param("version", "1"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT deleted_at IS NULL FROM customers WHERE id = ?").param(id).query(Boolean.class)
                .single()).isTrue();
    }

    @Test
    void hiddenCustomersAreNotFoundAndMaskedForAnalysts() throws Exception {
        long id = createThroughForm("Hidden " + System.nanoTime());
        MockHttpSession other = Sessions.login(mvc, otherRep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/customers/" + id).session(other)).andExpect(status().isNotFound());
        mvc.perform(get("/customers/" + id + "/edit").session(other)).andExpect(status().isNotFound());
        MockHttpSession analystSession = Sessions.login(mvc, analyst.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/customers/" + id).session(analystSession))
                .andExpect(content().string(allOf(containsString("138****5678"), not(containsString("13812345678")))));
        mvc.perform(get("/customers/new").session(analystSession)).andExpect(status().isForbidden());
    }

    @Test
    void contactsAreAddedOnThe360Page() throws Exception {
        long id = createThroughForm("Org " + System.nanoTime());
        mvc.perform(get("/customers/" + id).session(session)).andExpect(content().string(allOf(
                containsString("id=\"contact-form\""), containsString("name=\"email\""))));
        // a rejected contact is shown again, as entered and with the reasons, on the contact form page, which sends
        // it to the same address as the 360 page's short form
        mvc.perform(post("/customers/" + id + "/contacts").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("name", "").param("email", "bad").param("title", "出纳"))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("must not be empty"),
                        containsString("value=\"出纳\""), containsString("action=\"/customers/" + id + "/contacts\""),
                        containsString("<title>Add contact</title>"), not(containsString("name=\"version\""))))); 
        mvc.perform(post("/customers/" + id + "/contacts").session(session).with(csrf()).param("name", "赵敏")
                        .param("title", "财务总监").param("primary", "true").param("phone", "").param("email", ""))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/customers/" + id).session(session)).andExpect(content().string(containsString("赵敏")));
        long contactId = jdbc.sql("SELECT id FROM contacts WHERE customer_id = ?").param(id).query(Long.class).single();
        mvc.perform(get("/customers/" + id + "/contacts/" + contactId + "/edit").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("value=\"财务总监\"")));
        mvc.perform(post("/customers/" + id + "/contacts/" + contactId).session(session).with(csrf())
                        .locale(Locale.ENGLISH).param("name", "赵敏").param("email", "nope").param("version", "0"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("must be a valid e-mail address")));
        mvc.perform(post("/customers/" + id + "/contacts/" + contactId).session(session).with(csrf())
                        .param("name", "赵敏").param("title", "首席财务官").param("phone", "").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/customers/" + id + "/contacts/" + contactId).session(session).with(csrf())
                        .locale(Locale.ENGLISH).param("name", "赵敏").param("title", "Stale").param("version", "0"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Someone else changed")));
        mvc.perform(get("/customers/" + id).session(session)).andExpect(content().string(containsString("首席财务官")));
    }

    @Test
    void badQueryParametersAreClientErrors() throws Exception {
        mvc.perform(get("/customers").param("sort", "drop table").session(session)).andExpect(status().isBadRequest());
        mvc.perform(get("/customers").param("valueTier", "GOLD").session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andExpect(content().string(containsString("A filter value is not valid")));
        mvc.perform(get("/customers/not-a-number").session(session)).andExpect(status().isBadRequest());
        mvc.perform(get("/customers/987654321").session(session)).andExpect(status().isNotFound());
    }

    @Test
    void filtersKeepTheirValuesAndFilterTheList() throws Exception {
        String name = "Filtered " + System.nanoTime();
        long id = createThroughForm(name);
        mvc.perform(get("/customers").param("province", "广东省").param("kind", "PERSON").param("q", name)
                        .session(session))
                .andExpect(content().string(allOf(containsString("value=\"PERSON\" selected=\"selected\""),
                        containsString("value=\"广东省\""), containsString("/customers/" + id))));
        mvc.perform(get("/customers").param("province", "浙江省").param("q", name).session(session))
                .andExpect(content().string(not(containsString("/customers/" + id + "\""))));
    }

    @Test
    void theListShowsAtOnceAndLoadsItsCountSeparately() throws Exception {
        String tag = "counted" + System.nanoTime();
        for (int i = 0; i < 26; i++) {
            jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, team_id, tags) "
                    + "VALUES ('PERSON', ?, 'CONSUMER', ?, ?, ARRAY[?])").params("Counted " + i, rep.id(),
                    jdbc.sql("SELECT team_id FROM users WHERE id = ?").param(rep.id()).query(Long.class).single(), tag)
                    .update();
        }
        mvc.perform(get("/customers").param("tag", tag).session(session).locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("id=\"result-count-loading\""),
                        containsString("hx-get=\"/customers/count?tag=" + tag + "\""))));
        mvc.perform(get("/customers/count").param("tag", tag).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andExpect(content().string(containsString("26 customers")));
        mvc.perform(get("/customers").param("tag", tag).param("q", "Counted 1").session(session).locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("customers")))
                .andExpect(content().string(not(containsString("result-count-loading"))));
    }

    @Test
    void uiSpeaksChineseOnRequest() throws Exception {
        mvc.perform(get("/customers").param("lang", "zh_CN").session(session))
                .andExpect(content().string(allOf(containsString("新建客户"), containsString("生命周期阶段"))));
        mvc.perform(get("/login").header("Accept-Language", "zh-CN,zh;q=0.9"))
                .andExpect(content().string(containsString("用户名")));
        mvc.perform(get("/login").header("Accept-Language", "en-US"))
                .andExpect(content().string(containsString("Username")));
    }

    @Test
    void buttonsFollowWhatTheSignedInUserMayDo() throws Exception {
        long id = jdbc.sql("""
                        INSERT INTO customers (kind, name, customer_type, owner_id) VALUES ('PERSON', '按钮客户', 'CONSUMER', ?)
                        RETURNING id""").param(rep.id()).query(Long.class).single();
        String repList = mvc.perform(get("/customers").session(session).locale(Locale.ENGLISH))
                .andReturn().getResponse().getContentAsString();
        String repPage = mvc.perform(get("/customers/" + id).session(session).locale(Locale.ENGLISH))
                .andReturn().getResponse().getContentAsString();
        assertThat(repList).contains("id=\"new-customer\"", "id=\"import-customers\"", "id=\"mainNav\"")
                .doesNotContain("/admin/users");
        assertThat(repPage).contains("id=\"new-opportunity\"", "id=\"new-quote\"", "id=\"new-order\"");

        MockHttpSession analystSession = Sessions.login(mvc, analyst.username(), TestAccounts.PASSWORD);
        String analystList = mvc.perform(get("/customers").session(analystSession).locale(Locale.ENGLISH))
                .andReturn().getResponse().getContentAsString();
        assertThat(analystList).contains("id=\"mainNav\"").doesNotContain("id=\"new-customer\"",
                "id=\"import-customers\"", "/admin/users");

        Account admin = new TestAccounts(context).user(Role.ADMIN, null);
        MockHttpSession adminSession = Sessions.login(mvc, admin.username(), TestAccounts.PASSWORD);
        assertThat(mvc.perform(get("/customers/" + id).session(adminSession).locale(Locale.ENGLISH))
                .andReturn().getResponse().getContentAsString()).contains("/admin/users");
        jdbc.sql("UPDATE customers SET deleted_at = now() WHERE id = ?").param(id).update();
        assertThat(mvc.perform(get("/customers/" + id).session(session).locale(Locale.ENGLISH))
                .andReturn().getResponse().getContentAsString()).doesNotContain("id=\"new-opportunity\"");
    }
}
