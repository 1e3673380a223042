package dev.guanxi.crm.marketing;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Users, customers tagged with this fixture's own tag (so other tests' data never match), products and orders. */
final class MarketingFixture {

    final int port;
    final Account admin;
    final Account marketer;
    final Account rep;
    final Account manager;
    final Account analyst;
    final String tag = "mkt-" + System.nanoTime();

    MarketingFixture(ApplicationContext context, int port) {
        this.port = port;
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("marketing");
        admin = accounts.user(Role.ADMIN, null);
        marketer = accounts.user(Role.MARKETER, null);
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team);
        analyst = accounts.user(Role.ANALYST, null);
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    /** A customer owned by the rep, tagged with the fixture's tag; extra fields as in the customer API. */
    long customer(String name, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "PERSON");
        body.put("name", name);
        body.put("customerType", "CONSUMER");
        body.put("tags", List.of(tag));
        body.putAll(fields);
        Api.Response r = as(rep).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long product(String price) {
        Api.Response r = as(admin).post("/api/v1/products", Api.json(Map.of("sku", "MKT-" + System.nanoTime(),
                "name", "Marketing test product", "listPrice", price)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    Api.Response order(long customerId, long productId, String quantity, String couponCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("lines", List.of(Map.of("productId", productId, "quantity", quantity)));
        if (couponCode != null) {
            body.put("couponCode", couponCode);
        }
        return as(rep).post("/api/v1/orders", Api.json(body));
    }

    JsonNode act(JsonNode order, String action) {
        Api.Response r = as(rep).post("/api/v1/orders/" + order.get("id").asLong() + "/" + action + "?version="
                + order.get("version").asInt(), "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    JsonNode pay(JsonNode order, String amount) {
        Api.Response r = as(rep).post("/api/v1/orders/" + order.get("id").asLong() + "/payments",
                Api.json(Map.of("amount", amount, "method", "CASH")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Rules: the fixture's tag AND the given rules. */
    Map<String, Object> rules(Map<String, Object>... rules) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        all.add(rule("tags", "has_tag", tag));
        all.addAll(List.of(rules));
        return Map.of("match", "ALL", "rules", all);
    }

    static Map<String, Object> rule(String field, String operator, Object value) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("field", field);
        r.put("operator", operator);
        r.put("value", value);
        return r;
    }

    long segment(Account who, Map<String, Object> rules) {
        Api.Response r = as(who).post("/api/v1/segments", Api.json(Map.of("name", "Segment " + tag, "rules", rules)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
