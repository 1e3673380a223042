package dev.guanxi.crm.sales;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LeadApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    Account rep;
    Account otherRep;
    Api api;
    String unique;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("leads"));
        otherRep = accounts.user(Role.SALES_REP, accounts.team("leads-other"));
        api = new Api(port, rep.token());
        unique = String.format("%08d", System.nanoTime() % 100_000_000);
    }

    JsonNode lead(String name, String company, String phone, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("company", company);
        body.put("title", "采购经理");
        body.put("phone", phone);
        body.put("email", email);
        body.put("source", "EXHIBITION");
        Api.Response r = api.post("/api/v1/leads", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    Api.Response convert(JsonNode lead, Map<String, Object> conversion, boolean createNew) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversion", conversion);
        body.put("createNew", createNew);
        return api.post("/api/v1/leads/" + lead.get("id").asLong() + "/convert?version=" + lead.get("version").asInt(),
                Api.json(body));
    }

    @Test
    void convertingANewLeadCreatesCustomerContactAndOpportunityInOneGo() {
        JsonNode lead = lead("陈杰", "杭州云帆" + unique + "科技有限公司", "139" + unique.substring(0, 8), null);
        JsonNode qualified = api.post("/api/v1/leads/" + lead.get("id").asLong() + "/qualify?version=0", "").json();
        assertThat(qualified.get("status").asString()).isEqualTo("QUALIFIED");
        Api.Response r = convert(qualified, Map.of("opportunityName", "云服务年框", "amount", "150000",
                "expectedClose", "2027-06-30"), false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode converted = r.json().get("converted");
        long customerId = converted.get("customerId").asLong();
        assertThat(r.json().get("lead").get("status").asString()).isEqualTo("CONVERTED");
        JsonNode customer = api.get("/api/v1/customers/" + customerId).json();
        assertThat(customer.get("data").get("kind").asString()).isEqualTo("ORGANIZATION");
        assertThat(customer.get("data").get("name").asString()).startsWith("杭州云帆");
        JsonNode contacts = api.get("/api/v1/customers/" + customerId + "/contacts").json();
        assertThat(contacts.get(0).get("data").get("name").asString()).isEqualTo("陈杰");
        assertThat(contacts.get(0).get("data").get("primary").asBoolean()).isTrue();
        JsonNode opportunity = api.get("/api/v1/opportunities/" + converted.get("opportunityId").asLong()).json();
        assertThat(opportunity.get("amount").decimalValue()).isEqualByComparingTo("150000");
        assertThat(opportunity.get("stage").asString()).isEqualTo("QUALIFICATION");
        assertThat(convert(r.json().get("lead"), Map.of(), true).status()).as("converted once").isEqualTo(409);
    }

    @Test
    void aMatchingCustomerIsOfferedInsteadOfADuplicate() {
        String phone = "137" + unique.substring(0, 8);
        long existing = api.post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "深圳华鑫" + unique + "电子有限公司", "customerType", "BUSINESS"))).json().get("id").asLong();
        long byPhone = api.post("/api/v1/customers", Api.json(Map.of("kind", "PERSON", "name", "王芳",
                "customerType", "CONSUMER", "phone", "+86 " + phone))).json().get("id").asLong();

        JsonNode lead = lead("刘洋", "深圳华鑫" + unique + "电子股份有限公司", phone.substring(0, 3) + "-" + phone.substring(3), null);
        JsonNode matches = api.get("/api/v1/leads/" + lead.get("id").asLong() + "/matches").json();
        assertThat(matches.size()).isEqualTo(2);
        assertThat(matches.toString()).contains("\"id\":" + existing).contains("\"id\":" + byPhone);

        Api.Response refused = convert(lead, Map.of(), false);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("Matching customers exist").contains("#" + existing);
        long customersBefore = jdbc.sql("SELECT count(*) FROM customers").query(Long.class).single();

        Api.Response attached = convert(lead, Map.of("customerId", existing), false);
        assertThat(attached.status()).as(attached.body()).isEqualTo(200);
        assertThat(attached.json().get("converted").get("customerId").asLong()).isEqualTo(existing);
        assertThat(jdbc.sql("SELECT count(*) FROM customers").query(Long.class).single()).isEqualTo(customersBefore);
        assertThat(api.get("/api/v1/customers/" + existing + "/contacts").json().get(0).get("data").get("name")
                .asString()).isEqualTo("刘洋");
    }

    @Test
    void aPersonLeadBecomesAPersonCustomerWhenTheUserConfirms() {
        String email = "emma." + unique + "@example.com";
        api.post("/api/v1/customers", Api.json(Map.of("kind", "PERSON", "name", "Emma T", "customerType", "CONSUMER",
                "email", email.toUpperCase())));
        JsonNode lead = lead("Emma Thompson", null, null, email);
        assertThat(convert(lead, Map.of(), false).status()).isEqualTo(409);
        Api.Response created = convert(lead, Map.of(), true);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode converted = created.json().get("converted");
        assertThat(converted.has("contactId")).isFalse();
        assertThat(converted.has("opportunityId")).isFalse();
        JsonNode customer = api.get("/api/v1/customers/" + converted.get("customerId").asLong()).json();
        assertThat(customer.get("data").get("kind").asString()).isEqualTo("PERSON");
        assertThat(customer.get("data").get("email").asString()).isEqualTo(email);
    }

    @Test
    void disqualifyingNeedsAReasonAndLeadsAreVisibleToTheirTeamOnly() {
        JsonNode lead = lead("Cold", null, null, null);
        long id = lead.get("id").asLong();
        assertThat(api.post("/api/v1/leads/" + id + "/disqualify?version=0", Api.json(Map.of("reason", " "))).status())
                .isEqualTo(400);
        JsonNode dq = api.post("/api/v1/leads/" + id + "/disqualify?version=0", Api.json(Map.of("reason", "No budget")))
                .json();
        assertThat(dq.get("status").asString()).isEqualTo("DISQUALIFIED");
        assertThat(dq.get("disqualifyReason").asString()).isEqualTo("No budget");
        assertThat(convert(dq, Map.of(), true).status()).isEqualTo(409);
        assertThat(new Api(port, otherRep.token()).get("/api/v1/leads/" + id).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/leads", Api.json(Map.of("name", "", "email", "bad"))).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/leads?status=MAYBE").status()).isEqualTo(400);
    }
}
