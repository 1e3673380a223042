package dev.guanxi.crm.dataio;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ContactImportTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    EntityImports imports;
    Account rep;
    String tag;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("contact-import"));
        imports = new EntityImports(port);
        tag = "ci" + System.nanoTime();
    }

    /** Customers of the account, imported with an external id and a phone; returns their ids by name. */
    long customer(Account owner, String name, String externalId, String phone) {
        imports.run(owner, "customers", ("name,externalId,phone,tags\n" + name + "," + externalId + "," + phone + ","
                + tag + "\n").getBytes(StandardCharsets.UTF_8), "CREATE_ONLY", "NONE", "name", "externalId", "phone",
                "tags");
        return jdbc.sql("SELECT id FROM customers WHERE ? = ANY(tags) AND name = ?").params(tag, name)
                .query(Long.class).single();
    }

    long contacts(long customerId) {
        return jdbc.sql("SELECT count(*) FROM contacts WHERE customer_id = ? AND deleted_at IS NULL")
                .param(customerId).query(Long.class).single();
    }

    String phone() {
        return "139" + String.format("%08d", System.nanoTime() % 100_000_000L);
    }

    @Test
    void importsAGbkFileWithChineseTitlesMatchingCustomersByExternalIdIdOrPhone() {
        String ext = "C-" + System.nanoTime();
        String phoneB = phone();
        long a = customer(rep, "甲公司" + tag, ext, phone());
        long b = customer(rep, "乙公司" + tag, "B-" + System.nanoTime(), phoneB);
        long c = customer(rep, "丙公司" + tag, "C2-" + System.nanoTime(), phone());
        Account stranger = new TestAccounts(context).user(Role.SALES_REP, null);
        long hidden = customer(stranger, "丁公司" + tag, "D-" + System.nanoTime(), phone());

        String csv = "客户编号,客户ID,客户电话,联系人,职务,手机,邮箱,主联系人\n"
                + ext + ",,,张三,采购经理,13800001111,zs@example.com,是\n"
                + "," + c + ",,李四,总经理,,,否\n"
                + ",," + phoneB.substring(0, 3) + "-" + phoneB.substring(3) + ",王五,,,,\n"
                + "NO-SUCH-CUSTOMER,,,赵六,,,,\n"
                + ",,,钱七,,,,\n"
                + "," + hidden + ",,孙八,,,,\n"
                + ext + ",,,周九,,call me,not-mail,也许\n";
        JsonNode uploaded = imports.upload(rep, "contacts", "联系人.csv", csv.getBytes(Charset.forName("GBK")));
        long id = uploaded.get("job").get("id").asLong();
        assertThat(uploaded.get("job").get("entity").asString()).isEqualTo("CONTACT");
        assertThat(uploaded.get("job").get("encoding").asString()).isEqualTo("GB18030");
        assertThat(uploaded.get("preview").get("suggested").toString()).isEqualTo("[\"customerExternalId\","
                + "\"customerId\",\"customerPhone\",\"name\",\"title\",\"phone\",\"email\",\"primary\"]");
        assertThat(uploaded.get("matchKeys").toString()).isEqualTo("[\"PHONE\",\"EMAIL\"]");

        JsonNode job = imports.start(rep, id, "CREATE_ONLY", "NONE", "customerExternalId", "customerId",
                "customerPhone", "name", "title", "phone", "email", "primary");
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("created").asLong()).isEqualTo(3);
        assertThat(job.get("rejected").asLong()).isEqualTo(4);

        Map<String, Object> zhang = jdbc.sql("SELECT * FROM contacts WHERE customer_id = ? AND name = '张三'").param(a)
                .query().singleRow();
        assertThat(zhang.get("title")).isEqualTo("采购经理");
        assertThat(zhang.get("is_primary")).isEqualTo(true);
        assertThat(zhang.get("email")).isEqualTo("zs@example.com");
        assertThat(contacts(b)).isEqualTo(1);
        assertThat(contacts(c)).isEqualTo(1);
        assertThat(contacts(hidden)).isZero();

        String errors = imports.errors(rep, id);
        assertThat(errors).contains("\n5,customerExternalId,finds no customer that you can see",
                "\n6,customerExternalId,\"names no customer", "\n7,customerId,finds no customer that you can see",
                "\n8,phone,", "\n8,email,", "\n8,primary,must be yes or no", "赵六");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'contact' AND entity_id = ?")
                .param("import:" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM customer_timeline WHERE customer_id = ? AND kind = 'CONTACT_ADDED'")
                .param(a).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void upsertByPhoneCreatesNoDuplicatesAndUndoRestoresWhatItChanged() {
        String ext = "U-" + System.nanoTime();
        long customer = customer(rep, "戊公司" + tag, ext, phone());
        String csv = "Customer code,Contact,Job title,Mobile\n"
                + ext + ",Li Lei,Buyer,138 0000 2222\n"
                + ext + ",Han Meimei,Director,13800003333\n";
        String[] columns = {"customerExternalId", "name", "title", "phone"};
        JsonNode first = imports.run(rep, "contacts", csv.getBytes(StandardCharsets.UTF_8), "UPSERT", "PHONE",
                columns);
        assertThat(first.get("created").asLong()).isEqualTo(2);

        JsonNode again = imports.run(rep, "contacts", csv.getBytes(StandardCharsets.UTF_8), "UPSERT", "PHONE",
                columns);
        assertThat(again.get("unchanged").asLong()).isEqualTo(2);
        assertThat(again.get("created").asLong()).isZero();
        assertThat(contacts(customer)).isEqualTo(2);

        JsonNode createOnly = imports.run(rep, "contacts", csv.getBytes(StandardCharsets.UTF_8), "CREATE_ONLY",
                "PHONE", columns);
        assertThat(createOnly.get("rejected").asLong()).isEqualTo(2);
        assertThat(contacts(customer)).isEqualTo(2);

        JsonNode promoted = imports.run(rep, "contacts", (String.join(",", "客户编号", "手机", "职务") + "\n" + ext
                + ",13800002222,Head of purchasing\n").getBytes(StandardCharsets.UTF_8), "UPSERT", "PHONE",
                "customerExternalId", "phone", "title");
        assertThat(promoted.get("updated").asLong()).isEqualTo(1);
        assertThat(title("Li Lei")).isEqualTo("Head of purchasing");

        assertThat(imports.undo(rep, promoted.get("id").asLong()).get("status").asString()).isEqualTo("UNDONE");
        assertThat(title("Li Lei")).isEqualTo("Buyer");
        // the undo above changed Li Lei again, so undoing the first import leaves Li Lei (a later edit wins)
        JsonNode undone = imports.undo(rep, first.get("id").asLong());
        assertThat(undone.get("undone").asLong()).isEqualTo(1);
        assertThat(undone.get("skippedUndo").asLong()).isEqualTo(1);
        assertThat(contacts(customer)).isEqualTo(1);
        assertThat(title("Li Lei")).isEqualTo("Buyer");

        // a phone twice in one file: the first row creates the contact, the second updates that same contact
        JsonNode twice = imports.run(rep, "contacts", ("Customer code,Contact,Job title,Mobile\n" + ext
                + ",Wang Wu,Buyer,13800004444\n" + ext + ",Wang Wu,Owner,138-0000-4444\n")
                .getBytes(StandardCharsets.UTF_8), "UPSERT", "PHONE", columns);
        assertThat(twice.get("created").asLong()).isEqualTo(1);
        assertThat(twice.get("updated").asLong()).isEqualTo(1);
        assertThat(contacts(customer)).isEqualTo(2);
        assertThat(title("Wang Wu")).isEqualTo("Owner");
    }

    String title(String name) {
        return jdbc.sql("SELECT title FROM contacts WHERE name = ? AND deleted_at IS NULL AND customer_id IN "
                + "(SELECT id FROM customers WHERE ? = ANY(tags))").params(name, tag).query(String.class).single();
    }

    @Test
    void refusesAnUnknownEntityAnUnknownKeyAndRolesThatMayNotEditCustomers() {
        Api api = new Api(port, rep.token());
        Api.Response bad = api.upload("/api/v1/imports?entity=invoices", "x.csv", "name\nx\n".getBytes());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).contains("problem+json");
        assertThat(bad.body()).contains("\"field\":\"entity\"");

        long id = imports.upload(rep, "contacts", "c.csv", "name,phone\nx,13800000000\n".getBytes())
                .get("job").get("id").asLong();
        Api.Response sku = api.post("/api/v1/imports/" + id + "/start", Api.json(Map.of("columns",
                Arrays.asList("name", "phone"), "mode", "UPSERT", "matchKey", "EXTERNAL_ID")));
        assertThat(sku.status()).isEqualTo(400);
        assertThat(sku.body()).contains("\"field\":\"matchKey\"");
        Api.Response unknownField = api.post("/api/v1/imports/" + id + "/start", Api.json(Map.of("columns",
                Arrays.asList("name", "valueTier"))));
        assertThat(unknownField.status()).isEqualTo(400);

        Account analyst = new TestAccounts(context).user(Role.ANALYST, null);
        assertThat(new Api(port, analyst.token()).upload("/api/v1/imports?entity=contacts", "a.csv",
                "name\nx\n".getBytes()).status()).isEqualTo(403);
    }

    @Test
    void theImportPageOffersTheEntityAndMapsContactColumns() throws Exception {
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        String list = mvc.perform(get("/imports").session(session).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("<option value=\"CONTACT\">联系人</option>");
        String ext = "P-" + System.nanoTime();
        customer(rep, "己公司" + tag, ext, phone());
        String location = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "c.csv", null,
                        ("客户编号,联系人,手机\n" + ext + ",陈一,13800004444\n").getBytes(StandardCharsets.UTF_8)))
                        .param("entity", "CONTACT").session(session).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String page = mvc.perform(get(location).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Contacts", "<option value=\"customerExternalId\" selected=\"selected\">"
                + "Customer external ID</option>", "<option value=\"name\" selected=\"selected\">Name *</option>",
                "<option value=\"PHONE\">Phone</option>")
                .doesNotContain("value=\"valueTier\"", "value=\"EXTERNAL_ID\"");
        mvc.perform(post(location + "/start").session(session).with(csrf())
                        .param("column", "customerExternalId", "name", "phone").param("mode", "CREATE_ONLY")
                        .param("matchKey", "NONE"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE name = '陈一' AND customer_id IN "
                + "(SELECT id FROM customers WHERE ? = ANY(tags))").param(tag).query(Long.class).single())
                .isEqualTo(1);
    }
}
