package dev.guanxi.crm.customer;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Locale;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A user reviews a duplicate pair, compares, merges, follows the old link and undoes the merge on the pages. */
@IntegrationTest
class DuplicatePagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @Test
    void reviewCompareMergeAndUndo() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, new TestAccounts(context).team("dup-pages"));
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        String email = "pages" + System.nanoTime() + "@example.com";
        long keep = create(session, "页面保留客户", email);
        long gone = create(session, "页面并入客户", email.toUpperCase());

        mvc.perform(get("/customers/" + keep).session(session).locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("1 possible duplicate")));
        mvc.perform(get("/customers/duplicates").param("customerId", String.valueOf(keep)).session(session)
                        .locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("页面并入客户")))
                .andExpect(content().string(containsString("Same e-mail")));
        mvc.perform(get("/customers/duplicates").param("status", "sometimes").session(session))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/customers/merge").param("survivor", String.valueOf(keep)).param("merged", String.valueOf(gone))
                        .session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Merge customers")))
                .andExpect(content().string(containsString("name=\"field.name\"")));

        mvc.perform(post("/customers/merge").session(session).with(csrf()).param("survivor", String.valueOf(keep))
                        .param("merged", String.valueOf(gone)).param("field.name", "MERGED"))
                .andExpect(redirectedUrl("/customers/" + keep));
        mvc.perform(get("/customers/" + gone).session(session)).andExpect(redirectedUrl("/customers/" + keep));
        long mergeId = jdbc.sql("SELECT id FROM customer_merges WHERE merged_id = ?").param(gone).query(Long.class).single();
        mvc.perform(get("/customers/" + keep).session(session).locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("页面并入客户")))
                .andExpect(content().string(containsString("Undo merge")))
                .andExpect(content().string(not(containsString("possible duplicate"))));

        mvc.perform(post("/customers/merges/" + mergeId + "/undo").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/customers/" + gone).session(session)).andExpect(status().isOk());
        mvc.perform(get("/customers/" + keep).session(session).locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("页面保留客户")))
                .andExpect(content().string(not(containsString("Undo merge"))));
    }

    private long create(MockHttpSession session, String name, String email) throws Exception {
        String location = mvc.perform(post("/customers").session(session).with(csrf()).param("kind", "PERSON")
                        .param("name", name).param("customerType", "CONSUMER").param("email", email))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }
}
