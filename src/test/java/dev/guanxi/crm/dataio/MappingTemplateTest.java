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
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Column mappings saved as templates, applied by name or by a file's column titles, on the page and the API. */
@IntegrationTest
class MappingTemplateTest {

    private static final Pattern SELECT = Pattern.compile("<select[^>]*name=\"column\"[^>]*>(.*?)</select>",
            Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]*)\" selected=\"selected\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    Account rep;
    MockHttpSession session;
    String tag;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("import-templates"));
        session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        tag = "tpl" + System.nanoTime();
    }

    long upload(String fileName, byte[] content) throws Exception {
        MvcResult r = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", fileName, null, content))
                        .session(session).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andReturn();
        return Long.parseLong(r.getResponse().getRedirectedUrl().substring("/imports/".length()));
    }

    String page(String path) throws Exception {
        return mvc.perform(get(path).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** Per column select of the mapping page the field it pre-selects, "" for none. */
    static List<String> preselected(String html) {
        List<String> fields = new ArrayList<>();
        Matcher select = SELECT.matcher(html);
        while (select.find()) {
            Matcher option = SELECTED.matcher(select.group(1));
            fields.add(option.find() ? option.group(1) : "");
        }
        return fields;
    }

    Map<String, Object> job(long id) {
        return jdbc.sql("SELECT * FROM import_jobs WHERE id = ?").param(id).query().singleRow();
    }

    long customers(String name) {
        return jdbc.sql("SELECT count(*) FROM customers WHERE ? = ANY(tags) AND deleted_at IS NULL AND name = ?")
                .params(tag, name).query(Long.class).single();
    }

    List<String> audit(long templateId) {
        return jdbc.sql("SELECT action FROM audit_log WHERE entity_type = 'ImportTemplate' AND entity_id = ? ORDER BY id")
                .param(String.valueOf(templateId)).query(String.class).list();
    }

    @Test
    void savesAMappingOnThePageAndPreselectsItForTheSameTitlesInAnotherOrder() throws Exception {
        String firm = "Firma " + tag;
        String tel = "Telefon " + tag;
        String label = "Etikett " + tag;
        String skip = "Intern " + tag;
        long first = upload("a.csv", (firm + "," + tel + "," + label + "," + skip + "\nAlpha GmbH,13800001111," + tag
                + ",x\n").getBytes(StandardCharsets.UTF_8));
        String before = page("/imports/" + first);
        assertThat(before).doesNotContain("Mapping from template");
        assertThat(preselected(before)).containsExactly("", "", "", "");

        String name = "Kunden " + tag;
        mvc.perform(post("/imports/" + first + "/start").session(session).with(csrf())
                        .param("column", "name", "phone", "tags", "").param("mode", "CREATE_ONLY")
                        .param("matchKey", "NONE").param("templateName", name))
                .andExpect(status().is3xxRedirection());
        assertThat(job(first).get("status")).isEqualTo("DONE");
        assertThat(customers("Alpha GmbH")).isEqualTo(1);
        Map<String, Object> saved = jdbc.sql("SELECT id, entity, mapping::text AS mapping, created_by FROM import_templates "
                + "WHERE name = ?").param(name).query().singleRow();
        long templateId = (Long) saved.get("id");
        assertThat(saved.get("entity")).isEqualTo("CUSTOMER");
        assertThat(saved.get("created_by")).isEqualTo(rep.id());
        assertThat((String) saved.get("mapping")).contains("\"" + firm + "\": \"name\"", "\"" + tel + "\": \"phone\"",
                "\"" + label + "\": \"tags\"", "\"" + skip + "\": \"\"");
        assertThat(audit(templateId)).containsExactly("CREATE");

        // the same titles in another order, case and spacing: the template's mapping, not the titles' suggestion
        long second = upload("b.csv", (" " + skip.toUpperCase(Locale.ROOT) + "," + label + "," + firm + " ," + tel
                + "\ny," + tag + ", Beta Ltd,13800002222\nz," + tag + ",Gamma Co,13800003333\n").getBytes(StandardCharsets.UTF_8));
        String html = page("/imports/" + second);
        assertThat(html).contains("Mapping from template " + name);
        List<String> columns = preselected(html);
        assertThat(columns).containsExactly("", "tags", "name", "phone");
        mvc.perform(post("/imports/" + second + "/start").session(session).with(csrf())
                        .param("column", columns.toArray(String[]::new)).param("mode", "CREATE_ONLY")
                        .param("matchKey", "NONE"))
                .andExpect(status().is3xxRedirection());
        assertThat(job(second).get("status")).isEqualTo("DONE");
        assertThat(job(second).get("created_count")).isEqualTo(2L);
        assertThat(customers("Gamma Co")).isEqualTo(1);
        assertThat(customers("Beta Ltd")).isEqualTo(1);
    }

    @Test
    void savesSeparatelyRejectsEmptyAndTakenNamesAndDeletesWithConfirmation() throws Exception {
        String title = "Produkt " + tag;
        long id = upload("c.csv", (title + ",Tel\nDelta,13800004444\n").getBytes(StandardCharsets.UTF_8));

        String empty = mvc.perform(post("/imports/" + id + "/template").session(session).with(csrf())
                        .locale(Locale.ENGLISH).param("column", "name", "phone").param("templateName", "  "))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("Enter a name for the template.");
        assertThat(preselected(empty)).containsExactly("name", "phone");

        String name = "Separat " + tag;
        MvcResult saved = mvc.perform(post("/imports/" + id + "/template").session(session).with(csrf())
                        .param("column", "name", "phone").param("mode", "UPSERT").param("matchKey", "PHONE")
                        .param("templateName", name))
                .andExpect(status().is3xxRedirection()).andReturn();
        long templateId = jdbc.sql("SELECT id FROM import_templates WHERE name = ?").param(name).query(Long.class)
                .single();
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/imports/" + id + "?template=" + templateId);
        assertThat(job(id).get("status")).isEqualTo("DRAFT");
        String applied = mvc.perform(get("/imports/" + id).param("template", String.valueOf(templateId))
                        .session(session).locale(Locale.ENGLISH)
                        .flashAttr("templateSaved", name))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(applied).contains("Template " + name + " saved.", "Mapping from template " + name)
                .containsPattern("<option value=\"UPSERT\" selected=\"selected\"")
                .containsPattern("<option value=\"PHONE\" selected=\"selected\"");

        String chinese = mvc.perform(get("/imports/" + id).session(session).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(chinese).contains("列映射来自模板 " + name, "将此映射保存为模板");

        // saved, then the start is refused (no name column): the page says the template was saved
        String other = "Ohne Name " + tag;
        String refused = mvc.perform(post("/imports/" + id + "/start").session(session).with(csrf())
                        .locale(Locale.ENGLISH).param("column", "", "phone").param("templateName", other))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Template " + other + " saved.", "Choose the column that holds the name.");
        assertThat(job(id).get("status")).isEqualTo("DRAFT");

        String taken = mvc.perform(post("/imports/" + id + "/start").session(session).with(csrf())
                        .locale(Locale.ENGLISH).param("column", "name", "phone")
                        .param("templateName", name.toUpperCase(Locale.ROOT)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(taken).contains("A template with this name already exists");
        assertThat(job(id).get("status")).as("not started when the template is not saved").isEqualTo("DRAFT");

        String list = page("/imports");
        assertThat(list).contains(name, "Delete the mapping template " + name + "?");
        mvc.perform(post("/imports/templates/" + templateId + "/delete").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT count(*) FROM import_templates WHERE id = ?").param(templateId)
                .query(Long.class).single()).isZero();
        assertThat(audit(templateId)).containsExactly("CREATE", "DELETE");
        assertThat(page("/imports/" + id)).doesNotContain("Mapping from template " + name + "<")
                .as("the other template with these titles is found instead").contains("Mapping from template " + other);
    }

    @Test
    void managesAndAppliesTemplatesThroughTheApiWithChineseTitles() throws Exception {
        Api api = new Api(port, rep.token());
        String company = "甲方" + tag;
        String mobile = "联络号码" + tag;
        String mark = "标记" + tag;
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put(company, "name");
        mapping.put(mobile, "phone");
        mapping.put(mark, "tags");
        String name = "渠道模板" + tag;
        Api.Response created = api.post("/api/v1/imports/templates", Api.json(Map.of("entity", "customers",
                "name", name, "mapping", mapping, "mode", "UPSERT", "matchKey", "PHONE")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long templateId = created.json().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/imports/templates/" + templateId);
        assertThat(created.json().get("mapping").get(mobile).asString()).isEqualTo("phone");
        assertThat(audit(templateId)).containsExactly("CREATE");

        JsonNode listed = api.get("/api/v1/imports/templates?entity=customers").json();
        assertThat(listed.findValuesAsString("name")).contains(name);
        assertThat(api.get("/api/v1/imports/templates?entity=products").json().findValuesAsString("name"))
                .doesNotContain(name);

        Api.Response taken = api.post("/api/v1/imports/templates", Api.json(Map.of("entity", "CUSTOMER",
                "name", " " + name.toUpperCase(Locale.ROOT) + " ", "mapping", mapping)));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.header("Content-Type")).contains("problem+json");
        Api.Response empty = api.post("/api/v1/imports/templates", Api.json(Map.of("entity", "customers",
                "name", "", "mapping", mapping)));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("\"field\":\"name\"");
        Map<String, Object> unknown = new HashMap<>(mapping);
        unknown.put("Shoe size", "shoeSize");
        Api.Response badField = api.post("/api/v1/imports/templates", Api.json(Map.of("entity", "customers",
                "name", "other" + tag, "mapping", unknown)));
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.body()).contains("\"field\":\"mapping\"");
        Api.Response contactField = api.post("/api/v1/imports/templates", Api.json(Map.of("entity", "contacts",
                "name", "other" + tag, "mapping", Map.of("Name", "name", "Limit", "creditLimit"))));
        assertThat(contactField.status()).as("a customer field is not a contact field").isEqualTo(400);
        assertThat(contactField.body()).contains("\"field\":\"mapping\"");
        Api.Response badEntity = api.post("/api/v1/imports/templates", Api.json(Map.of("entity", "planets",
                "name", "x" + tag, "mapping", mapping)));
        assertThat(badEntity.status()).isEqualTo(400);
        assertThat(badEntity.body()).contains("\"field\":\"entity\"");

        // applied by name, to a GBK file with an extra column and the titles in another order
        String csv = "备用," + mark + "," + mobile + "," + company + "\n-," + tag + ",13900001111,华东贸易\n-," + tag
                + ",13900002222,西南物流\n";
        Api.Response uploaded = api.upload("/api/v1/imports?entity=customers&template="
                + java.net.URLEncoder.encode(name.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8), "渠道.csv",
                csv.getBytes(Charset.forName("GBK")));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode preview = uploaded.json().get("preview");
        assertThat(preview.get("template").get("name").asString()).isEqualTo(name);
        assertThat(preview.get("template").get("matchKey").asString()).isEqualTo("PHONE");
        assertThat(preview.get("suggested").toString()).isEqualTo("[null,\"tags\",\"phone\",\"name\"]");
        long id = uploaded.json().get("job").get("id").asLong();
        JsonNode job = new EntityImports(port).start(rep, id, "UPSERT", "PHONE", "", "tags", "phone", "name");
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("created").asLong()).isEqualTo(2);
        assertThat(customers("华东贸易")).isEqualTo(1);
        assertThat(customers("西南物流")).isEqualTo(1);

        // an extra column is not the template's titles; the same titles without naming the template find it
        Api.Response extra = api.upload("/api/v1/imports?entity=customers", "extra.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(extra.json().get("preview").has("template")).as(extra.body()).isFalse();
        Api.Response matched = api.upload("/api/v1/imports?entity=customers", "again.csv",
                (mobile + "," + company + "," + mark + "\n13900003333,西北商行," + tag + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(matched.json().get("preview").get("template").get("id").asLong()).as(matched.body())
                .isEqualTo(templateId);
        assertThat(matched.json().get("preview").get("suggested").toString())
                .isEqualTo("[\"phone\",\"name\",\"tags\"]");
        Api.Response byId = api.upload("/api/v1/imports?entity=customers&template=" + templateId, "x.csv",
                ("其他列\n1\n").getBytes(StandardCharsets.UTF_8));
        assertThat(byId.json().get("preview").get("template").get("id").asLong()).isEqualTo(templateId);
        assertThat(byId.json().get("preview").get("suggested").toString()).isEqualTo("[null]");
        Api.Response noSuch = api.upload("/api/v1/imports?entity=customers&template=nope" + tag, "x.csv",
                ("a\n1\n").getBytes(StandardCharsets.UTF_8));
        assertThat(noSuch.status()).isEqualTo(400);
        assertThat(noSuch.body()).contains("\"field\":\"template\"");

        Account analyst = new TestAccounts(context).user(Role.ANALYST, null);
        Api other = new Api(port, analyst.token());
        assertThat(other.get("/api/v1/imports/templates?entity=customers").status()).isEqualTo(403);
        assertThat(other.delete("/api/v1/imports/templates/" + templateId, null).status()).isEqualTo(403);

        assertThat(api.delete("/api/v1/imports/templates/" + templateId, null).status()).isEqualTo(204);
        assertThat(audit(templateId)).containsExactly("CREATE", "DELETE");
        Api.Response again = api.delete("/api/v1/imports/templates/" + templateId, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.header("Content-Type")).contains("problem+json");
        assertThat(api.get("/api/v1/imports/templates/" + templateId).status()).isEqualTo(404);
    }
}
