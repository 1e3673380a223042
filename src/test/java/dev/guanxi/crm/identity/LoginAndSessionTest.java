package dev.guanxi.crm.identity;

import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class LoginAndSessionTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void pagesRequireLoginAndTheFirstAdminCanLogIn() throws Exception {
        mvc.perform(get("/customers")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(formLogin("/login").user("admin").password("admin-test-password")).andExpect(authenticated());
    }

    @Test
    void wrongPasswordFailsWithAMessage() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        mvc.perform(formLogin("/login").user(rep.username()).password("wrong")).andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/login").param("error", "").session((MockHttpSession) mvc.perform(formLogin("/login")
                        .user(rep.username()).password("wrong")).andReturn().getRequest().getSession(false))
                        .locale(java.util.Locale.ENGLISH))
                .andExpect(content().string(containsString("Wrong username or password.")));
    }

    @Test
    void accountLocksAfterFiveFailedLogins() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(rep.username()).password("wrong-" + i)).andExpect(unauthenticated());
        }
        MvcResult locked = mvc.perform(formLogin("/login").user(rep.username()).password(TestAccounts.PASSWORD))
                .andExpect(unauthenticated()).andReturn();
        MockHttpSession session = (MockHttpSession) locked.getRequest().getSession(false);
        assertThat(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)).isInstanceOf(LockedException.class);
        mvc.perform(get("/login").param("error", "").session(session).locale(java.util.Locale.ENGLISH))
                .andExpect(content().string(containsString("This account is locked")));
    }

    @Test
    void successfulLoginResetsTheFailureCount() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin("/login").user(rep.username()).password("wrong")).andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user(rep.username()).password(TestAccounts.PASSWORD)).andExpect(authenticated());
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin("/login").user(rep.username()).password("wrong")).andExpect(unauthenticated());
        }
        mvc.perform(formLogin("/login").user(rep.username()).password(TestAccounts.PASSWORD)).andExpect(authenticated());
    }

    @Test
    void formsNeedTheCsrfToken() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(post("/customers").session(session).param("name", "No token").param("kind", "PERSON")
                .param("customerType", "CONSUMER")).andExpect(status().isForbidden());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/customers").session(session)).andExpect(status().isOk());
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
        mvc.perform(get("/customers").session(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void apiTokensAreCreatedInTheUiShownOnceStoredHashedAndRevocable() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        MvcResult created = mvc.perform(post("/account/tokens").session(session).with(csrf()).param("name", "ERP sync"))
                .andExpect(redirectedUrl("/account/tokens")).andReturn();
        String token = (String) created.getFlashMap().get("newToken");
        assertThat(token).startsWith("gx_");
        String shown = mvc.perform(get("/account/tokens").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains(token);
        String again = mvc.perform(get("/account/tokens").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("ERP sync").doesNotContain(token);
        long stored = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT count(*) FROM api_tokens WHERE token_hash = ? OR token_prefix = ?")
                .params(token, token).query(Long.class).single();
        assertThat(stored).as("the plain token is never stored").isZero();

        Api api = new Api(port, token);
        assertThat(api.get("/api/v1/customers").status()).isEqualTo(200);
        long tokenId = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT id FROM api_tokens WHERE name = 'ERP sync' AND user_id = ?").param(rep.id())
                .query(Long.class).single();
        assertThat(context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT last_used_at IS NOT NULL FROM api_tokens WHERE id = ?").param(tokenId)
                .query(Boolean.class).single()).as("its last use is shown on the tokens page").isTrue();
        mvc.perform(post("/account/tokens/" + tokenId + "/revoke").session(session).with(csrf()))
                .andExpect(redirectedUrl("/account/tokens"));
        assertThat(api.get("/api/v1/customers").status()).isEqualTo(401);
        mvc.perform(post("/account/tokens").session(session).with(csrf()).param("name", " "))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Give the token a name")));
    }

    @Test
    void sessionLoginDoesNotOpenTheApi() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/api/v1/customers").session(session)).andExpect(status().isUnauthorized());
    }
}
