package dev.guanxi.crm.customer;

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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CustomerApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    TestAccounts accounts;
    long eastTeam;
    long westTeam;
    Account eastManager;
    Account eastRep;
    Account eastRep2;
    Account westRep;
    Account analyst;
    Account marketer;
    Account admin;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
        eastTeam = accounts.team("east");
        westTeam = accounts.team("west");
        eastManager = accounts.manager(eastTeam);
        eastRep = accounts.user(Role.SALES_REP, eastTeam);
        eastRep2 = accounts.user(Role.SALES_REP, eastTeam);
        westRep = accounts.user(Role.SALES_REP, westTeam);
        analyst = accounts.user(Role.ANALYST, null);
        marketer = accounts.user(Role.MARKETER, null);
        admin = accounts.user(Role.ADMIN, null);
    }

    Api as(Account account) {
        return new Api(port, account.token());
    }

    static Map<String, Object> person(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "PERSON");
        body.put("name", name);
        body.put("customerType", "CONSUMER");
        body.put("phone", "13812345678");
        body.put("email", "someone@example.com");
        body.put("idNumber", "110101199003071234");
        body.put("province", "浙江省");
        body.put("city", "杭州市");
        body.put("tags", List.of("展会"));
        return body;
    }

    long create(Account account, Map<String, Object> body) {
        Api.Response r = as(account).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void createsReadsUpdatesDeletesAndRestoresACustomer() {
        Map<String, Object> body = person("王明");
        body.put("valueTier", "VIP");
        body.put("customFields", Map.of("wechat", "wm88"));
        Api.Response created = as(eastRep).post("/api/v1/customers", Api.json(body));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/customers/" + created.json().get("id").asLong());
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        long id = created.json().get("id").asLong();
        JsonNode json = created.json();
        assertThat(json.get("data").get("name").asString()).isEqualTo("王明");
        assertThat(json.get("data").get("customFields").get("wechat").asString()).isEqualTo("wm88");
        assertThat(json.get("ownerId").asLong()).isEqualTo(eastRep.id());
        assertThat(json.get("teamId").asLong()).isEqualTo(eastTeam);

        body.put("name", "王小明");
        body.put("lifecycleStage", "GROWTH");
        Api.Response updated = as(eastRep).put("/api/v1/customers/" + id, Api.json(body), "\"0\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"1\"");
        assertThat(updated.json().get("data").get("lifecycleStage").asString()).isEqualTo("GROWTH");

        assertThat(as(eastRep).delete("/api/v1/customers/" + id, "\"1\"").status()).isEqualTo(204);
        Api.Response afterDelete = as(eastRep).get("/api/v1/customers/" + id);
        assertThat(afterDelete.json().get("deletedAt").isNull()).isFalse();
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=王小明"))).doesNotContain(id);
        assertThat(ids(as(eastRep).get("/api/v1/customers?deleted=true&q=王小明"))).contains(id);

        Api.Response restored = new Api(port, eastRep.token()).post("/api/v1/customers/" + id + "/restore?version=2", "");
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=王小明"))).contains(id);
    }

    @Test
    void chineseSubstringSearchFindsNames() {
        String unique = "明" + System.nanoTime() % 100000;
        long id = create(eastRep, person("王" + unique));
        long other = create(eastRep, person("李华" + System.nanoTime() % 100000));
        List<Long> found = ids(as(eastRep).get("/api/v1/customers?q=" + unique));
        assertThat(found).contains(id).doesNotContain(other);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=明&size=200&ownerId=" + eastRep.id()))).contains(id)
                .doesNotContain(other);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=王明&size=200&ownerId=" + eastRep.id()))).contains(id)
                .doesNotContain(other);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=华&ownerId=" + eastRep.id()))).contains(other)
                .doesNotContain(id);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=明王&ownerId=" + eastRep.id()))).isEmpty();
    }

    @Test
    void searchesByPhoneDigitsAndEmailPrefix() {
        Map<String, Object> body = person("Phone Person");
        String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000);
        body.put("phone", phone.substring(0, 3) + " " + phone.substring(3, 7) + "-" + phone.substring(7));
        body.put("email", "Unique." + phone + "@Example.com");
        long id = create(eastRep, body);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=" + phone))).containsExactly(id);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=unique." + phone))).containsExactly(id);
    }

    @Test
    void filtersByClassificationAndRegion() {
        Map<String, Object> vip = person("Filter VIP " + System.nanoTime());
        vip.put("valueTier", "VIP");
        vip.put("province", "四川省");
        vip.put("city", "成都市");
        vip.put("settlement", "CREDIT");
        vip.put("creditTerms", "MONTHLY");
        vip.put("creditLimit", 50000);
        long vipId = create(eastRep, vip);
        Map<String, Object> small = person("Filter Small " + System.nanoTime());
        small.put("valueTier", "SMALL");
        long smallId = create(eastRep, small);

        List<Long> tier = ids(as(eastRep).get("/api/v1/customers?valueTier=VIP&size=200&ownerId=" + eastRep.id()));
        assertThat(tier).contains(vipId).doesNotContain(smallId);
        List<Long> region = ids(as(eastRep).get("/api/v1/customers?province=四川省&city=成都市&settlement=CREDIT&ownerId="
                + eastRep.id()));
        assertThat(region).containsExactly(vipId);
        assertThat(ids(as(eastRep).get("/api/v1/customers?tag=展会&ownerId=" + eastRep.id()))).contains(vipId, smallId);
        List<Long> byName = ids(as(eastRep).get("/api/v1/customers?sort=name&ownerId=" + eastRep.id()));
        assertThat(byName).containsExactly(smallId, vipId);
        assertThat(ids(as(eastRep).get("/api/v1/customers?sort=name_desc&ownerId=" + eastRep.id())))
                .containsExactly(vipId, smallId);
        // filters are query parameters only: a request header of a filter's name filters nothing (Spring's binder
        // would bind it; ParameterMapDataBinding does not)
        assertThat(ids(as(eastRep).get("/api/v1/customers?sort=name&ownerId=" + eastRep.id(), "ValueTier", "VIP",
                "Settlement", "CREDIT"))).containsExactly(smallId, vipId);
    }

    @Test
    void visibilityFollowsOwnerTeamAndRole() {
        long eastCustomer = create(eastRep, person("East Only " + System.nanoTime()));
        long westCustomer = create(westRep, person("West Only " + System.nanoTime()));

        assertThat(as(eastRep2).get("/api/v1/customers/" + eastCustomer).status()).isEqualTo(200);
        assertThat(as(eastManager).get("/api/v1/customers/" + eastCustomer).status()).isEqualTo(200);
        assertThat(as(admin).get("/api/v1/customers/" + westCustomer).status()).isEqualTo(200);

        Api.Response hidden = as(eastRep).get("/api/v1/customers/" + westCustomer);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("West Only");
        assertThat(as(eastManager).get("/api/v1/customers/" + westCustomer).status()).isEqualTo(404);
        assertThat(ids(as(eastRep).get("/api/v1/customers?q=West Only".replace(" ", "%20")))).doesNotContain(westCustomer);
        assertThat(ids(as(westRep).get("/api/v1/customers?ownerId=" + eastRep.id()))).isEmpty();

        Map<String, Object> change = person("Hijack");
        assertThat(as(eastRep).put("/api/v1/customers/" + westCustomer, Api.json(change), "\"0\"").status())
                .isEqualTo(404);
        assertThat(as(eastRep).delete("/api/v1/customers/" + westCustomer, "\"0\"").status()).isEqualTo(404);
        assertThat(as(eastRep).get("/api/v1/customers/" + westCustomer + "/contacts").status()).isEqualTo(404);
    }

    @Test
    void repsCannotAssignCustomersOutsideTheirTeams() {
        Map<String, Object> body = person("Assign " + System.nanoTime());
        body.put("ownerId", westRep.id());
        Api.Response r = as(eastRep).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerId");

        body.put("ownerId", eastRep2.id());
        Api.Response ok = as(eastRep).post("/api/v1/customers", Api.json(body));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("ownerId").asLong()).isEqualTo(eastRep2.id());
    }

    @Test
    void personalDataIsMaskedForRolesWithoutPermission() {
        long id = create(eastRep, person("Masked " + System.nanoTime()));
        JsonNode forAnalyst = as(analyst).get("/api/v1/customers/" + id).json();
        assertThat(forAnalyst.get("masked").asBoolean()).isTrue();
        assertThat(forAnalyst.get("data").get("phone").asString()).isEqualTo("138****5678");
        assertThat(forAnalyst.get("data").get("email").asString()).isEqualTo("s***@example.com");
        assertThat(forAnalyst.get("data").get("idNumber").asString()).isEqualTo("1101**********1234");
        JsonNode listed = as(marketer).get("/api/v1/customers?q=Masked").json().get("items");
        assertThat(listed.toString()).doesNotContain("13812345678").doesNotContain("110101199003071234");

        JsonNode forOwner = as(eastRep).get("/api/v1/customers/" + id).json();
        assertThat(forOwner.get("masked").asBoolean()).isFalse();
        assertThat(forOwner.get("data").get("phone").asString()).isEqualTo("13812345678");
    }

    @Test
    void readOnlyRolesGetForbidden() {
        Api.Response r = as(analyst).post("/api/v1/customers", Api.json(person("Nope")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void staleUpdateIsAConflict() {
        long id = create(eastRep, person("Concurrent " + System.nanoTime()));
        Map<String, Object> first = person("Concurrent A");
        assertThat(as(eastRep).put("/api/v1/customers/" + id, Api.json(first), "\"0\"").status()).isEqualTo(200);
        Map<String, Object> second = person("Concurrent B");
        Api.Response stale = as(eastRep2).put("/api/v1/customers/" + id, Api.json(second), "\"0\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("changed by someone else");
        assertThat(as(eastRep).get("/api/v1/customers/" + id).json().get("data").get("name").asString())
                .isEqualTo("Concurrent A");
        Api.Response noVersion = as(eastRep).put("/api/v1/customers/" + id, Api.json(second), null);
        assertThat(noVersion.status()).isEqualTo(400);
    }

    @Test
    void validationErrorsListEveryFieldAndStoreNothing() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "PERSON");
        body.put("name", " ");
        body.put("phone", "abc");
        body.put("email", "not-an-email");
        body.put("birthDate", "2999-01-01");
        body.put("creditLimit", -5);
        Api.Response r = as(eastRep).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("name", "customerType", "phone", "email", "birthDate", "creditLimit");

        Map<String, Object> credit = person("Credit without limit");
        credit.put("settlement", "CREDIT");
        Api.Response creditResponse = as(eastRep).post("/api/v1/customers", Api.json(credit));
        assertThat(creditResponse.status()).isEqualTo(400);
        assertThat(creditResponse.body()).contains("creditLimit").contains("creditTerms");
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE name = 'Credit without limit'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void clientMistakesAreProblemDetailsNotServerErrors() {
        Api api = as(eastRep);
        Api.Response malformed = api.post("/api/v1/customers", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("title").asString()).isEqualTo("Malformed request body");
        Api.Response badEnum = api.post("/api/v1/customers", "{\"kind\":\"ROBOT\",\"name\":\"x\",\"customerType\":\"CONSUMER\"}");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/customers/99999999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/abc").status()).isEqualTo(400);
        Api.Response badTier = api.get("/api/v1/customers?valueTier=GOLD&ownerId=x");
        assertThat(badTier.status()).isEqualTo(400);
        assertThat(badTier.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("valueTier",
                "ownerId");
        assertThat(api.get("/api/v1/customers?sort=password").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/customers?size=100000").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/customers?page=0").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/customers/1", Api.json(person("x")), "garbage").status()).isEqualTo(400);
        assertThat(new Api(port, null).get("/api/v1/customers").status()).isEqualTo(401);
        assertThat(new Api(port, "gx_forged").get("/api/v1/customers").status()).isEqualTo(401);
    }

    @Test
    void everyChangeIsAuditedWithOldAndNewValues() {
        long id = create(eastRep, person("Audit Me"));
        Map<String, Object> body = person("Audit Me Too");
        body.put("phone", "13900000000");
        as(eastRep).put("/api/v1/customers/" + id, Api.json(body), "\"0\"");
        as(eastRep).delete("/api/v1/customers/" + id, "\"1\"");

        List<Map<String, Object>> entries = jdbc.sql("""
                        SELECT action, actor_name, changes::text AS changes FROM audit_log
                        WHERE entity_type = 'customer' AND entity_id = ? ORDER BY id""")
                .param(String.valueOf(id)).query().listOfRows();
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("CREATE", "UPDATE", "DELETE");
        assertThat(entries).allSatisfy(e -> assertThat(e.get("actor_name")).isEqualTo(eastRep.username()));
        String update = (String) entries.get(1).get("changes");
        assertThat(update).contains("\"name\": {\"to\": \"Audit Me Too\", \"from\": \"Audit Me\"}")
                .contains("13812345678").contains("13900000000").doesNotContain("province");
    }

    @Test
    void contactsBelongToTheirCustomer() {
        Map<String, Object> org = person("杭州云帆科技有限公司 " + System.nanoTime());
        org.put("kind", "ORGANIZATION");
        org.put("customerType", "BUSINESS");
        long id = create(eastRep, org);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", "陈杰");
        contact.put("title", "采购经理");
        contact.put("phone", "13700001111");
        contact.put("primary", true);
        Api.Response created = as(eastRep).post("/api/v1/customers/" + id + "/contacts", Api.json(contact));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long contactId = created.json().get("id").asLong();
        assertThat(as(eastRep).get("/api/v1/customers/" + id + "/contacts").json().get(0).get("data").get("name")
                .asString()).isEqualTo("陈杰");
        assertThat(as(analyst).get("/api/v1/customers/" + id + "/contacts").json().get(0).get("data").get("phone")
                .asString()).isEqualTo("137****1111");

        contact.put("title", "总经理");
        assertThat(as(eastRep).put("/api/v1/customers/" + id + "/contacts/" + contactId, Api.json(contact), "\"0\"")
                .status()).isEqualTo(200);
        assertThat(as(eastRep).put("/api/v1/customers/" + id + "/contacts/" + contactId, Api.json(contact), "\"0\"")
                .status()).isEqualTo(409);
        contact.put("email", "bad");
        assertThat(as(eastRep).post("/api/v1/customers/" + id + "/contacts", Api.json(contact)).status()).isEqualTo(400);
        assertThat(as(eastRep).delete("/api/v1/customers/" + id + "/contacts/" + contactId, "\"1\"").status())
                .isEqualTo(204);
        assertThat(as(eastRep).get("/api/v1/customers/" + id + "/contacts").json().size()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'contact' AND entity_id = ?")
                .param(String.valueOf(contactId)).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void timelineShowsTheCustomersOwnHistory() {
        long id = create(eastRep, person("Timeline " + System.nanoTime()));
        as(eastRep).put("/api/v1/customers/" + id, Api.json(person("Timeline renamed")), "\"0\"");
        JsonNode timeline = as(eastRep).get("/api/v1/customers/" + id + "/timeline").json();
        assertThat(timeline.size()).isEqualTo(2);
        assertThat(timeline.get(0).get("kind").asString()).isEqualTo("CUSTOMER_UPDATED");
        assertThat(timeline.get(1).get("kind").asString()).isEqualTo("CUSTOMER_CREATED");
    }

    @Test
    void pagesWithoutCountingTheWholeTable() {
        for (int i = 0; i < 5; i++) {
            create(westRep, person("Paged " + i));
        }
        JsonNode first = as(westRep).get("/api/v1/customers?size=2&ownerId=" + westRep.id()).json();
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        assertThat(first.get("total").asLong()).isEqualTo(5);
        JsonNode last = as(westRep).get("/api/v1/customers?size=2&page=3&ownerId=" + westRep.id()).json();
        assertThat(last.get("items").size()).isEqualTo(1);
        assertThat(last.get("hasNext").asBoolean()).isFalse();
    }

    @Test
    void pagesByKeyWalkEveryMatchOnceInTheOrderOfTheNumberedPages() {
        String tag = "键页" + System.nanoTime();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> body = person("键页客户 " + (char) ('G' - i)); // names in the reverse order of creation
            body.put("tags", List.of(tag));
            create(eastRep, body);
        }
        for (String sort : List.of("newest", "oldest", "name", "name-desc")) {
            String list = "/api/v1/customers?tag=" + tag + "&size=3&sort=" + sort;
            List<Long> numbered = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                numbered.addAll(ids(as(eastRep).get(list + "&page=" + page)));
            }
            List<Long> byKey = new ArrayList<>();
            Api.Response r = as(eastRep).get(list);
            byKey.addAll(ids(r));
            int pages = 1;
            while (r.json().hasNonNull("next")) {
                assertThat(r.json().get("hasNext").asBoolean()).isTrue();
                r = as(eastRep).get(list + "&after=" + r.json().get("next").asString());
                byKey.addAll(ids(r));
                pages++;
            }
            assertThat(pages).as(sort).isEqualTo(3);
            assertThat(r.json().get("hasNext").asBoolean()).isFalse();
            assertThat(byKey).as(sort).hasSize(7).doesNotHaveDuplicates().isEqualTo(numbered);
        }
    }

    @Test
    void aCursorThatDoesNotFitTheListIsRefusedWithAProblem() {
        String tag = "键页错" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = person("键页错客户 " + i);
            body.put("tags", List.of(tag));
            create(eastRep, body);
        }
        String list = "/api/v1/customers?tag=" + tag + "&size=2";
        String next = as(eastRep).get(list).json().get("next").asString();
        for (String bad : List.of(list + "&sort=name&after=" + next, list + "&after=not-a-cursor",
                list + "&after=" + next + "&page=2")) {
            Api.Response r = as(eastRep).get(bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("after");
        }
    }

    static List<Long> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}
