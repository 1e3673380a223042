package dev.guanxi.crm.sales;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class QuoteApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void tierPricesApplyAndAnAcceptedQuoteBecomesAnOrder() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("quotes");
        Account manager = accounts.manager(team);
        Account rep = accounts.user(Role.SALES_REP, team);
        Api managerApi = new Api(port, manager.token());
        Api api = new Api(port, rep.token());
        long product = managerApi.post("/api/v1/products", Api.json(Map.of("sku", "Q-" + System.nanoTime(),
                "name", "Quoted tea", "listPrice", "400"))).json().get("id").asLong();
        assertThat(managerApi.put("/api/v1/products/" + product + "/tier-prices", Api.json(Map.of("VIP", "320.00")), null)
                .json().get("VIP").decimalValue()).isEqualByComparingTo("320");
        assertThat(managerApi.put("/api/v1/products/" + product + "/tier-prices", Api.json(Map.of("GOLD", "1")), null)
                .status()).isEqualTo(400);
        assertThat(api.put("/api/v1/products/" + product + "/tier-prices", Api.json(Map.of("VIP", "1")), null).status())
                .isEqualTo(403);
        long vip = api.post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION", "name", "VIP buyer",
                "customerType", "BUSINESS", "valueTier", "VIP"))).json().get("id").asLong();
        long small = api.post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION", "name", "Small buyer",
                "customerType", "BUSINESS", "valueTier", "SMALL"))).json().get("id").asLong();

        JsonNode quote = api.post("/api/v1/quotes", Api.json(Map.of("customerId", vip,
                "validUntil", LocalDate.now().plusDays(30).toString(),
                "lines", List.of(Map.of("productId", product, "quantity", "10"))))).json();
        assertThat(quote.get("number").asString()).startsWith("QT-");
        assertThat(quote.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("320");
        assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("3200");
        JsonNode smallOrder = api.post("/api/v1/orders", Api.json(Map.of("customerId", small,
                "lines", List.of(Map.of("productId", product, "quantity", "1"))))).json();
        assertThat(smallOrder.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("400");

        long id = quote.get("id").asLong();
        assertThat(api.post("/api/v1/quotes/" + id + "/accept?version=0", "").status()).as("accept needs send").isEqualTo(409);
        JsonNode sent = api.post("/api/v1/quotes/" + id + "/send?version=0", "").json();
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        JsonNode accepted = api.post("/api/v1/quotes/" + id + "/accept?version=" + sent.get("version").asInt(), "").json();
        assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");
        long orderId = accepted.get("orderId").asLong();
        JsonNode order = api.get("/api/v1/orders/" + orderId).json();
        assertThat(order.get("status").asString()).isEqualTo("DRAFT");
        assertThat(order.get("customerId").asLong()).isEqualTo(vip);
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("3200");
        assertThat(api.post("/api/v1/quotes/" + id + "/reject?version=" + accepted.get("version").asInt(), "").status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/quotes", Api.json(Map.of("customerId", vip, "lines", List.of()))).status())
                .isEqualTo(400);
    }
}
