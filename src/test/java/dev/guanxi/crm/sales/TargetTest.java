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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
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
class TargetTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;

    @Test
    void attainmentComparesConfirmedRevenueAndPaymentsWithTheTargets() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("targets");
        Account manager = accounts.manager(team);
        Account rep = accounts.user(Role.SALES_REP, team);
        Api repApi = new Api(port, rep.token());
        Api managerApi = new Api(port, manager.token());
        long product = managerApi.post("/api/v1/products", Api.json(Map.of("sku", "TGT-" + System.nanoTime(),
                "name", "Target product", "listPrice", "1000"))).json().get("id").asLong();
        long customer = repApi.post("/api/v1/customers", Api.json(Map.of("kind", "PERSON", "name", "Target buyer",
                "customerType", "CONSUMER"))).json().get("id").asLong();
        LocalDate today = LocalDate.now();
        // confirmed this month: 3 × 1000; a draft does not count; paid 1200 of it
        JsonNode order = repApi.post("/api/v1/orders", Api.json(Map.of("customerId", customer,
                "lines", List.of(Map.of("productId", product, "quantity", "3"))))).json();
        JsonNode confirmed = repApi.post("/api/v1/orders/" + order.get("id").asLong() + "/confirm?version=0", "").json();
        repApi.post("/api/v1/orders/" + confirmed.get("id").asLong() + "/payments",
                Api.json(Map.of("amount", "1200", "method", "CASH")));
        repApi.post("/api/v1/orders", Api.json(Map.of("customerId", customer,
                "lines", List.of(Map.of("productId", product, "quantity", "9")))));

        Map<String, Object> body = new HashMap<>(Map.of("userId", rep.id(), "metric", "REVENUE",
                "periodType", "MONTH", "period", today.toString(), "amount", "6000"));
        assertThat(repApi.put("/api/v1/targets", Api.json(body), null).status()).as("reps do not set targets").isEqualTo(403);
        assertThat(managerApi.put("/api/v1/targets", Api.json(body), null).status()).isEqualTo(200);
        body.put("amount", "4000");                                                    // replaces, not duplicates
        managerApi.put("/api/v1/targets", Api.json(body), null);
        managerApi.put("/api/v1/targets", Api.json(Map.of("teamId", team, "metric", "PAYMENTS",
                "periodType", "QUARTER", "period", today.toString(), "amount", "2400")), null);

        JsonNode month = repApi.get("/api/v1/targets?periodType=MONTH").json();
        assertThat(month.size()).isEqualTo(1);
        assertThat(month.get(0).get("target").decimalValue()).isEqualByComparingTo("4000");
        assertThat(month.get(0).get("actual").decimalValue()).isEqualByComparingTo("3000");
        assertThat(month.get(0).get("percent").decimalValue()).isEqualByComparingTo("75.0");
        JsonNode quarter = repApi.get("/api/v1/targets?periodType=QUARTER&period=" + today).json();
        assertThat(quarter.get(0).get("actual").decimalValue()).isEqualByComparingTo("1200");
        assertThat(quarter.get(0).get("percent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(quarter.get(0).get("periodStart").asString())
                .isEqualTo(today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).toString());

        assertThat(managerApi.put("/api/v1/targets", Api.json(Map.of("userId", rep.id(), "teamId", team,
                "metric", "REVENUE", "periodType", "MONTH", "period", today.toString(), "amount", "1")), null).status())
                .isEqualTo(400);
        assertThat(managerApi.put("/api/v1/targets", Api.json(Map.of("userId", rep.id(), "metric", "REVENUE",
                "periodType", "MONTH", "period", today.toString(), "amount", "-5")), null).status()).isEqualTo(400);

        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/dashboard").session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"widget-targets\""), containsString("75.0%"),
                        containsString("¥3,000 / ¥4,000"))));
        MockHttpSession managerSession = Sessions.login(mvc, manager.username(), TestAccounts.PASSWORD);
        mvc.perform(post("/sales/targets").session(managerSession).with(csrf()).param("periodType", "MONTH")
                        .param("period", today.toString()).param("subject", "user:" + rep.id())
                        .param("metric", "PAYMENTS").param("amount", "1000"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/sales/targets").session(managerSession).locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("Payments received"), containsString("120.0%"))));
    }
}
