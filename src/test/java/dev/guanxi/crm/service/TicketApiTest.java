package dev.guanxi.crm.service;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.service.internal.TicketService;
import dev.guanxi.crm.service.internal.TicketState;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tickets over the REST API: workflow, validation, visibility, first response, audit, timeline and TicketClosed. */
@IntegrationTest
@EnableScenarios
class TicketApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TicketService tickets;

    Account agent;
    Account rep;
    Account outsider;
    long customerId;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        agent = accounts.user(Role.SERVICE_AGENT, accounts.team("service"));
        rep = accounts.user(Role.SALES_REP, accounts.team("ticket-sales"));
        outsider = accounts.user(Role.SALES_REP, accounts.team("ticket-other"));
        customerId = as(rep).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "工单客户 " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
    }

    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    Map<String, Object> ticket(String type, String subject) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", type);
        b.put("channel", "PHONE");
        b.put("priority", "HIGH");
        b.put("customerId", customerId);
        b.put("subject", subject);
        b.put("description", "客户来电 customer called");
        return b;
    }

    long open(Account who, String type, String subject) {
        Api.Response r = as(who).post("/api/v1/tickets", Api.json(ticket(type, subject)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    Api.Response move(Account who, long id, Map<String, Object> body) {
        String etag = as(who).get("/api/v1/tickets/" + id).header("ETag");
        return as(who).post("/api/v1/tickets/" + id + "/transitions?version=" + etag.replace("\"", ""), Api.json(body));
    }

    @Test
    void aComplaintWalksEveryStepToClosedAndSkippingOrIllegalStepsAre409WithTheAllowedSteps() {
        long id = open(agent, "COMPLAINT", "茶叶破损 Broken tea");
        JsonNode t = as(agent).get("/api/v1/tickets/" + id).json();
        assertThat(t.get("status").asString()).isEqualTo("RECEIVED");
        assertThat(t.get("allowedNext").toString()).isEqualTo("[\"RECORDED\"]");
        assertThat(Instant.parse(t.get("firstResponseDue").asString())).isAfter(Instant.parse(t.get("createdAt").asString()));
        assertThat(Instant.parse(t.get("resolutionDue").asString())).isAfter(Instant.parse(t.get("firstResponseDue").asString()));

        Api.Response skip = move(agent, id, Map.of("status", "SOLUTION_PROPOSED", "solution", "补发"));
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.header("Content-Type")).startsWith("application/problem+json");
        assertThat(skip.json().get("detail").asString()).contains("from RECEIVED to SOLUTION_PROPOSED")
                .contains("Allowed next steps: RECORDED");
        Api.Response close = move(agent, id, Map.of("status", "CLOSED"));
        assertThat(close.status()).isEqualTo(409);

        Api.Response incomplete = move(agent, id, Map.of("status", "RECORDED", "valid", true));
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.body()).contains("keyPoints", "cause").doesNotContain("invalidReason");

        Api.Response stale = as(agent).post("/api/v1/tickets/" + id + "/transitions?version=99",
                Api.json(Map.of("status", "RECORDED")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("version");

        assertThat(move(agent, id, Map.of("status", "RECORDED", "keyPoints", "收到的茶叶包装破损", "valid", true,
                "cause", "PRODUCT_QUALITY")).status()).isEqualTo(200);
        assertThat(move(agent, id, Map.of("status", "SOLUTION_PROPOSED", "solution", "补发一盒并致歉")).status()).isEqualTo(200);
        assertThat(move(agent, id, Map.of("status", "FOLLOWED_UP", "followUp", "x")).status())
                .as("confirmation cannot be skipped").isEqualTo(409);
        assertThat(move(agent, id, Map.of("status", "CUSTOMER_CONFIRMED")).status()).isEqualTo(200);
        assertThat(move(agent, id, Map.of("status", "FOLLOWED_UP", "followUp", "客户满意")).status()).isEqualTo(200);
        Api.Response closed = move(agent, id, Map.of("status", "CLOSED", "note", "done"));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        JsonNode c = closed.json();
        assertThat(c.get("status").asString()).isEqualTo("CLOSED");
        assertThat(c.get("cause").asString()).isEqualTo("PRODUCT_QUALITY");
        assertThat(c.get("solution").asString()).isEqualTo("补发一盒并致歉");
        assertThat(c.has("closedAt") && c.has("resolvedAt") && c.has("firstResponseAt")).isTrue();
        assertThat(move(agent, id, Map.of("status", "RECORDED")).json().get("detail").asString())
                .contains("Allowed next steps: none");

        JsonNode history = as(agent).get("/api/v1/tickets/" + id + "/history").json().get("transitions");
        assertThat(history).hasSize(6);
        assertThat(history.get(5).get("to").asString()).isEqualTo("CLOSED");
        assertThat(history.get(5).get("actorId").asLong()).isEqualTo(agent.id());
        assertThat(history.get(5).get("note").asString()).isEqualTo("done");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'ticket' AND entity_id = ?")
                .param(Long.toString(id)).query(Long.class).single()).isEqualTo(6);
        Awaitility.await().until(() -> as(rep).get("/api/v1/customers/" + customerId + "/timeline").body()
                .contains("TICKET_CLOSED"));
        assertThat(as(rep).get("/api/v1/customers/" + customerId + "/timeline").body())
                .contains("TICKET_OPENED", "Complaint 投诉");
        assertThat(context.getBean(OpenComplaints.class).count(customerId)).isZero();
    }

    @Test
    void anInvalidComplaintNeedsAReasonAndClosesRightAfterBeingRecorded() {
        long id = open(agent, "COMPLAINT", "Wants a lower price");
        assertThat(context.getBean(OpenComplaints.class).count(customerId)).isEqualTo(1);
        assertThat(context.getBean(OpenComplaints.class).counts(List.of(customerId, -1L))).containsExactly(Map.entry(customerId, 1L));
        Api.Response noReason = move(agent, id, Map.of("status", "RECORDED", "keyPoints", "price", "valid", false,
                "cause", "EXPECTATION_TOO_HIGH"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("invalidReason");
        assertThat(move(agent, id, Map.of("status", "RECORDED", "keyPoints", "price", "valid", false,
                "invalidReason", "合同价格已约定", "cause", "EXPECTATION_TOO_HIGH")).status()).isEqualTo(200);
        Api.Response propose = move(agent, id, Map.of("status", "SOLUTION_PROPOSED", "solution", "discount"));
        assertThat(propose.status()).isEqualTo(409);
        assertThat(propose.json().get("detail").asString()).contains("Allowed next steps: CLOSED");
        assertThat(move(agent, id, Map.of("status", "CLOSED")).json().get("status").asString()).isEqualTo("CLOSED");
        TicketSummary summary = context.getBean(TicketDirectory.class).find(id).orElseThrow();
        assertThat(summary.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(summary.customerId()).isEqualTo(customerId);
        assertThat(summary.closedAt()).isNotNull();
        assertThat(context.getBean(TicketDirectory.class).find(-1)).isEmpty();
        assertThat(context.getBean(OpenComplaints.class).count(customerId)).isZero();
    }

    @Test
    void closingPublishesTicketClosedAsDeclared(Scenario scenario) {
        long id = open(agent, "INQUIRY", "How to brew 怎么泡茶");
        CurrentUser me = new CurrentUser(agent.id(), agent.username(), "Agent", Role.SERVICE_AGENT, agent.teamId(), Set.of());
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                (CurrentUser.Holder) () -> me, null, List.of()));
        tickets.transition(id, 0, new TicketService.TransitionRequest(TicketStatus.IN_PROGRESS, null, null));
        tickets.transition(id, 1, new TicketService.TransitionRequest(TicketStatus.RESOLVED, TicketState.Step.none(), null));
        scenario.stimulate(() -> tickets.transition(id, 2, new TicketService.TransitionRequest(TicketStatus.CLOSED, null, null)))
                .andWaitForEventOfType(TicketClosed.class).matching(e -> e.ticketId() == id)
                .toArriveAndVerify(e -> {
                    assertThat(e.customerId()).isEqualTo(customerId);
                    assertThat(e.ticketType()).isEqualTo("INQUIRY");
                    assertThat(e.agentId()).isNull();
                    assertThat(e.closedAt()).isNotNull();
                });
    }

    @Test
    void theFirstCustomerVisibleReplyIsTheFirstResponseAndGoesOnTheTimeline() {
        long id = open(agent, "INQUIRY", "Invoice question 发票问题");
        assertThat(as(agent).post("/api/v1/tickets/" + id + "/comments",
                Api.json(Map.of("body", "internal check", "customerVisible", false))).status()).isEqualTo(201);
        JsonNode t = as(agent).get("/api/v1/tickets/" + id).json();
        assertThat(t.has("firstResponseAt")).as("an internal note is no response").isFalse();
        assertThat(t.get("responseMinutesLeft").isNumber()).isTrue();
        Api.Response reply = as(agent).post("/api/v1/tickets/" + id + "/comments",
                Api.json(Map.of("body", "您好，发票已寄出", "customerVisible", true)));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json()).hasSize(2);
        t = as(agent).get("/api/v1/tickets/" + id).json();
        assertThat(t.has("firstResponseAt")).isTrue();
        assertThat(t.has("responseMinutesLeft")).isFalse();
        Awaitility.await().until(() -> as(rep).get("/api/v1/customers/" + customerId + "/timeline").body()
                .contains("您好，发票已寄出"));
        assertThat(as(agent).post("/api/v1/tickets/" + id + "/comments", Api.json(Map.of("body", " ")))
                .status()).isEqualTo(400);
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("type", "COMPLAINT");
        Api.Response r = as(agent).post("/api/v1/tickets", Api.json(missing));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("channel", "priority", "customerId", "subject");

        Map<String, Object> badEnum = ticket("PRAISE", "x");
        assertThat(as(agent).post("/api/v1/tickets", Api.json(badEnum)).status()).isEqualTo(400);

        Map<String, Object> unknownCustomer = ticket("INQUIRY", "x");
        unknownCustomer.put("customerId", -5);
        Api.Response noCustomer = as(agent).post("/api/v1/tickets", Api.json(unknownCustomer));
        assertThat(noCustomer.status()).isEqualTo(400);
        assertThat(noCustomer.body()).contains("customerId");

        long otherCustomer = as(outsider).post("/api/v1/customers", Api.json(Map.of("kind", "PERSON",
                "name", "别的客户", "customerType", "CONSUMER"))).json().get("id").asLong();
        long contact = jdbc.sql("INSERT INTO contacts (customer_id, name) VALUES (?, '李四') RETURNING id")
                .param(otherCustomer).query(Long.class).single();
        Map<String, Object> foreignContact = ticket("INQUIRY", "x");
        foreignContact.put("contactId", contact);
        Api.Response wrongContact = as(agent).post("/api/v1/tickets", Api.json(foreignContact));
        assertThat(wrongContact.status()).isEqualTo(400);
        assertThat(wrongContact.body()).contains("contactId");

        long ownContact = jdbc.sql("INSERT INTO contacts (customer_id, name) VALUES (?, '王经理') RETURNING id")
                .param(customerId).query(Long.class).single();
        Map<String, Object> withContact = ticket("INQUIRY", "with contact");
        withContact.put("contactId", ownContact);
        Api.Response contactOk = as(agent).post("/api/v1/tickets", Api.json(withContact));
        assertThat(contactOk.status()).as(contactOk.body()).isEqualTo(201);
        assertThat(contactOk.json().get("contactName").asString()).isEqualTo("王经理");

        assertThat(as(agent).get("/api/v1/tickets?sort=colour").status()).isEqualTo(400);
        assertThat(as(agent).get("/api/v1/tickets?page=0").status()).isEqualTo(400);
        assertThat(as(agent).get("/api/v1/tickets?priority=HUGE").status()).isEqualTo(400);
        assertThat(as(agent).get("/api/v1/tickets/999999999").status()).isEqualTo(404);
        long id = open(agent, "INQUIRY", "edit me");
        Map<String, Object> retype = ticket("COMPLAINT", "edit me");
        assertThat(as(agent).put("/api/v1/tickets/" + id, Api.json(retype), "\"0\"").status()).isEqualTo(400);
        assertThat(as(agent).put("/api/v1/tickets/" + id, Api.json(ticket("INQUIRY", "edited")), null).status())
                .as("version required").isEqualTo(400);
        Map<String, Object> urgent = ticket("INQUIRY", "edited");
        urgent.put("priority", "URGENT");
        Api.Response edited = as(agent).put("/api/v1/tickets/" + id, Api.json(urgent), "\"0\"");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("subject").asString()).isEqualTo("edited");
        assertThat(edited.header("ETag")).isEqualTo("\"1\"");
        assertThat(as(agent).put("/api/v1/tickets/" + id, Api.json(urgent), "\"0\"").status()).isEqualTo(409);
    }

    @Test
    void salesRepsSeeTicketsOfTheirCustomersOnlyAndServiceAgentsSeeAll() {
        long id = open(agent, "SUGGESTION", "More green tea 多些绿茶");
        assertThat(as(rep).get("/api/v1/tickets/" + id).status()).as("the customer's owner").isEqualTo(200);
        assertThat(as(outsider).get("/api/v1/tickets/" + id).status()).isEqualTo(404);
        assertThat(as(outsider).get("/api/v1/tickets?customerId=" + customerId).json().get("items")).isEmpty();
        assertThat(as(rep).get("/api/v1/tickets?customerId=" + customerId).json().get("items").get(0).get("id").asLong())
                .isEqualTo(id);
        assertThat(as(outsider).post("/api/v1/tickets/" + id + "/comments", Api.json(Map.of("body", "hi")))
                .status()).isEqualTo(404);
        assertThat(as(outsider).post("/api/v1/tickets", Api.json(ticket("INQUIRY", "not mine"))).status())
                .as("a customer the user cannot see").isEqualTo(400);
        long repTicket = open(rep, "INQUIRY", "from the rep");
        assertThat(as(agent).get("/api/v1/tickets/" + repTicket).status()).isEqualTo(200);
    }

    @Test
    void theListFiltersSearchesAndSorts() {
        long complaint = open(agent, "COMPLAINT", "Filter complaint " + customerId);
        long inquiry = open(agent, "INQUIRY", "Filter inquiry " + customerId);
        String base = "/api/v1/tickets?customerId=" + customerId;
        assertThat(ids(base + "&type=COMPLAINT")).containsExactly(complaint);
        assertThat(ids(base + "&status=OPEN")).containsExactly(inquiry);
        assertThat(ids(base + "&q=inquiry")).containsExactly(inquiry);
        assertThat(ids(base + "&q=%23" + complaint)).containsExactly(complaint);
        assertThat(ids(base + "&sort=subject")).containsExactly(complaint, inquiry);
        assertThat(ids(base + "&state=closed")).isEmpty();
        assertThat(ids(base + "&overdue=true")).isEmpty();
        jdbc.sql("UPDATE tickets SET resolution_due = now() - interval '1 hour' WHERE id = ?").param(inquiry).update();
        assertThat(ids(base + "&overdue=true")).containsExactly(inquiry);
        JsonNode page = as(agent).get(base + "&size=1").json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("hasNext").asBoolean()).isTrue();
        JsonNode overdue = as(agent).get("/api/v1/tickets/" + inquiry).json();
        assertThat(overdue.get("resolutionMinutesLeft").asLong()).isNegative();
    }

    List<Long> ids(String path) {
        Api.Response r = as(agent).get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new java.util.ArrayList<>();
        r.json().get("items").forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }
}
