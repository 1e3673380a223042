package dev.guanxi.crm.service;

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
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The solutions knowledge base: search in Chinese and English, safe Markdown, helpful votes, solved tickets. */
@IntegrationTest
class KnowledgeBaseTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    Account agent;
    Account rep;
    String marker;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        agent = accounts.user(Role.SERVICE_AGENT, null);
        rep = accounts.user(Role.SALES_REP, accounts.team("kb"));
        marker = "k" + Long.toString(System.nanoTime(), 36);
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    long article(String title, String body, List<String> tags) {
        Api.Response r = as(agent).post("/api/v1/kb/articles", Api.json(Map.of("title", title, "body", body, "tags", tags)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    List<Long> search(String q) {
        Api.Response r = as(rep).get("/api/v1/kb/articles?size=200&tag=" + marker + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("items").forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    @Test
    void chineseArticlesAreFoundByATwoCharacterWordAndEnglishOnesByAStemmedWord() {
        long chinese = article("七天无理由退货流程", "客户收到货后七天内可以申请退货，商品需保持完好，可以二次销售。", List.of(marker, "售后"));
        long english = article("Refunding a cancelled order", "How the finance team is refunding payments of cancelled orders.",
                List.of(marker));
        long other = article("茶叶冲泡方法 Brewing tea", "水温 85 度 water at 85 degrees", List.of(marker));

        assertThat(search("退货")).containsExactly(chinese);
        assertThat(search("二次")).containsExactly(chinese);
        assertThat(search("退 货")).as("each word of the query").containsExactly(chinese);
        assertThat(search("refunds")).as("stemmed: refunds ~ refunding").containsExactly(english);
        assertThat(search("refunded payment")).containsExactly(english);
        assertThat(search("冲泡")).containsExactly(other);
        assertThat(search("发票")).isEmpty();
        assertThat(search("")).containsExactlyInAnyOrder(chinese, english, other);
        assertThat(as(rep).get("/api/v1/kb/articles?q=" + "x".repeat(201)).status()).isEqualTo(400);
    }

    @Test
    void bodiesAreRenderedSafelyAndVotesCountOncePerUser() {
        long id = article("Safe " + marker, "**bold** <script>alert('kb')</script>", List.of(marker));
        JsonNode a = as(rep).get("/api/v1/kb/articles/" + id).json();
        assertThat(a.get("html").asString()).contains("<strong>bold</strong>", "&lt;script&gt;").doesNotContain("<script>");

        assertThat(as(rep).post("/api/v1/kb/articles/" + id + "/helpful", "").json().get("helpfulCount").asInt()).isEqualTo(1);
        assertThat(as(rep).post("/api/v1/kb/articles/" + id + "/helpful", "").json().get("helpfulCount").asInt())
                .as("the same user again").isEqualTo(1);
        assertThat(as(agent).post("/api/v1/kb/articles/" + id + "/helpful", "").json().get("helpfulCount").asInt()).isEqualTo(2);

        assertThat(as(rep).post("/api/v1/kb/articles", Api.json(Map.of("title", " ", "body", "x"))).status()).isEqualTo(400);
        assertThat(as(rep).post("/api/v1/kb/articles", Api.json(Map.of("title", "t", "body", "x", "productId", -1)))
                .body()).contains("productId");
        assertThat(as(rep).put("/api/v1/kb/articles/" + id, Api.json(Map.of("title", "mine?", "body", "x")), "\"0\"")
                .status()).as("only the author or service staff edit").isEqualTo(403);
        Api.Response edited = as(agent).put("/api/v1/kb/articles/" + id, Api.json(Map.of("title", "Edited " + marker,
                "body", "new", "tags", List.of(marker))), "\"0\"");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(as(agent).delete("/api/v1/kb/articles/" + id, "\"0\"").status()).isEqualTo(409);
        assertThat(as(agent).delete("/api/v1/kb/articles/" + id, "\"1\"").status()).isEqualTo(204);
        assertThat(as(agent).get("/api/v1/kb/articles/" + id).status()).isEqualTo(404);
    }

    @Test
    void articlesAreLinkedToTheTicketsTheySolved() {
        long customer = as(rep).post("/api/v1/customers", Api.json(Map.of("kind", "PERSON", "name", "知识库客户",
                "customerType", "CONSUMER"))).json().get("id").asLong();
        long ticket = as(agent).post("/api/v1/tickets", Api.json(Map.of("type", "INQUIRY", "channel", "CHAT",
                "priority", "LOW", "customerId", customer, "subject", "How to return?"))).json().get("id").asLong();
        long id = article("Returns " + marker, "Use the return form.", List.of(marker));
        assertThat(as(agent).put("/api/v1/kb/articles/" + id + "/tickets/" + ticket, "", null).status()).isEqualTo(204);
        assertThat(as(agent).put("/api/v1/kb/articles/" + id + "/tickets/" + ticket, "", null).status()).as("idempotent").isEqualTo(204);
        JsonNode solving = as(rep).get("/api/v1/tickets/" + ticket + "/articles").json();
        assertThat(solving).hasSize(1);
        assertThat(solving.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(as(rep).get("/api/v1/kb/articles/" + id + "/tickets").json().get(0).get("id").asLong()).isEqualTo(ticket);
        Account outsider = new TestAccounts(context).user(Role.SALES_REP, new TestAccounts(context).team("kb-other"));
        assertThat(as(outsider).get("/api/v1/kb/articles/" + id + "/tickets").json()).as("tickets not visible").isEmpty();
        assertThat(as(agent).put("/api/v1/kb/articles/" + id + "/tickets/999999999", "", null).status()).isEqualTo(404);
        assertThat(as(agent).delete("/api/v1/kb/articles/" + id + "/tickets/" + ticket, null).status()).isEqualTo(204);
        assertThat(as(rep).get("/api/v1/tickets/" + ticket + "/articles").json()).isEmpty();
    }
}
