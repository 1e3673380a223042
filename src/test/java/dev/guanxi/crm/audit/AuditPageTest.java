package dev.guanxi.crm.audit;

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

import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AuditPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void adminsSeeWhoChangedWhatAndOthersAreForbidden() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, null);
        Api api = new Api(port, rep.token());
        Map<String, Object> body = Map.of("kind", "PERSON", "name", "Audited Person", "customerType", "CONSUMER");
        long id = api.post("/api/v1/customers", Api.json(body)).json().get("id").asLong();
        api.put("/api/v1/customers/" + id, Api.json(Map.of("kind", "PERSON", "name", "Audited Renamed",
                "customerType", "CONSUMER")), "\"0\"");

        MockHttpSession admin = Sessions.login(mvc, "admin", "admin-test-password");
        mvc.perform(get("/admin/audit").param("entityType", "customer").param("entityId", String.valueOf(id))
                        .session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(rep.username()), containsString("UPDATE"),
                        containsString("Audited Renamed"), containsString("Audited Person"))));

        MockHttpSession repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/admin/audit").session(repSession)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/users").session(repSession)).andExpect(status().isForbidden());
    }
}
