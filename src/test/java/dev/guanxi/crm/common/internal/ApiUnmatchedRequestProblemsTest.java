package dev.guanxi.crm.common.internal;

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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** API requests that no controller method takes get problem details; pages keep their error page. */
@IntegrationTest
class ApiUnmatchedRequestProblemsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;

    @Test
    void anUnknownPathMethodOrMediaTypeOfTheApiIsAProblem() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        Api api = new Api(port, rep.token());

        Api.Response unknown = api.get("/api/v1/no-such-records");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).contains("application/problem+json");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("/api/v1/no-such-records");

        Api.Response method = api.delete("/api/v1/imports", null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Content-Type")).contains("application/problem+json");
        assertThat(method.json().get("detail").asString()).contains("DELETE");
        assertThat(method.header("Allow")).contains("GET", "POST");

        // the upload takes a multipart file, not JSON
        Api.Response type = api.post("/api/v1/imports", "{}");
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.header("Content-Type")).contains("application/problem+json");
        assertThat(type.json().get("detail").asString()).contains("application/json");
    }

    @Test
    void pagesKeepSpringsErrorHandling() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);

        MvcResult unknown = mvc.perform(get("/no-such-page").session(session)).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        assertThat(unknown.getResponse().getContentType()).isNull(); // sent to the error page, no body of its own
        MvcResult method = mvc.perform(put("/customers").session(session).with(csrf())).andReturn();
        assertThat(method.getResponse().getStatus()).isEqualTo(405);
        assertThat(method.getResponse().getContentType()).isNull();
    }
}
