package dev.guanxi.crm.dataio;

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

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ImportApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    Account rep;
    String tag;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("import-api"));
        tag = "api" + System.nanoTime();
    }

    Api.Response upload(Account account, String fileName, byte[] content) {
        return new Api(port, account.token()).upload("/api/v1/imports", fileName, content);
    }

    @Test
    void uploadsPreviewsStartsReportsAndUndoesAnImport() throws Exception {
        String csv = "客户名称,手机,邮箱,标签\n王明,13812345678,wm@example.com," + tag + "\n李华,12,bad," + tag + "\n";
        Api.Response uploaded = upload(rep, "客户.csv", csv.getBytes(Charset.forName("GBK")));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode json = uploaded.json();
        long id = json.get("job").get("id").asLong();
        assertThat(uploaded.header("Location")).endsWith("/api/v1/imports/" + id);
        assertThat(json.get("job").get("status").asString()).isEqualTo("DRAFT");
        assertThat(json.get("job").get("encoding").asString()).isEqualTo("GB18030");
        assertThat(json.get("job").has("storedFile")).isFalse();
        assertThat(json.get("preview").get("header").get(0).asString()).isEqualTo("客户名称");
        assertThat(json.get("preview").get("suggested").toString()).isEqualTo("[\"name\",\"phone\",\"email\",\"tags\"]");
        assertThat(json.get("preview").get("rows").get(0).get(0).asString()).isEqualTo("王明");

        Api api = new Api(port, rep.token());
        Api.Response started = api.post("/api/v1/imports/" + id + "/start", Api.json(Map.of(
                "columns", Arrays.asList("name", "phone", "email", "tags"), "mode", "UPSERT", "matchKey", "PHONE")));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode job = api.get("/api/v1/imports/" + id).json();
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("created").asLong()).isEqualTo(1);
        assertThat(job.get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("percent").asInt()).isEqualTo(100);
        Api.Response errors = api.get("/api/v1/imports/" + id + "/errors");
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.body()).contains("\n3,phone,", "\n3,email,");

        assertThat(api.post("/api/v1/imports/" + id + "/undo", "").status()).isEqualTo(202);
        assertThat(api.get("/api/v1/imports/" + id).json().get("status").asString()).isEqualTo("UNDONE");
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE ? = ANY(tags) AND deleted_at IS NULL")
                .param(tag).query(Long.class).single()).isZero();
        Api.Response again = api.post("/api/v1/imports/" + id + "/undo", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).contains("problem+json");
    }

    @Test
    void aLineThatCannotBeReadIsReportedAndTheRowsBeforeItAreImported() throws Exception {
        // line 3 opens a quote it never closes: the CSV parser reads to the end of the file and cannot go on
        String csv = "name,phone,tags\n王明,13812345601," + tag + "\n\"李华,13812345602," + tag + "\n张三,13812345603," + tag
                + "\n";
        Api.Response uploaded = upload(rep, "quotes.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode preview = uploaded.json().get("preview");
        assertThat(preview.get("rows").size()).isEqualTo(1);
        assertThat(preview.get("rows").get(0).get(0).asString()).isEqualTo("王明");
        long id = uploaded.json().get("job").get("id").asLong();

        Api api = new Api(port, rep.token());
        Api.Response started = api.post("/api/v1/imports/" + id + "/start", Api.json(Map.of(
                "columns", Arrays.asList("name", "phone", "tags"), "mode", "CREATE_ONLY")));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode job = api.get("/api/v1/imports/" + id).json();
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("created").asLong()).isEqualTo(1);
        assertThat(job.get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("percent").asInt()).isEqualTo(100);
        assertThat(jdbc.sql("SELECT name FROM customers WHERE ? = ANY(tags)").param(tag).query(String.class).list())
                .containsExactly("王明");
        assertThat(jdbc.sql("SELECT line || ' ' || coalesce(field, '-') || ' ' || reason FROM import_errors WHERE import_id = ?")
                .param(id).query(String.class).list())
                .singleElement().asString().startsWith("3 - ").contains("CSV").doesNotContain("validation.");
        assertThat(api.get("/api/v1/imports/" + id + "/errors").body()).contains("\n3,,");
    }

    @Test
    void answersBadRequestsWithProblemDetails() throws Exception {
        Api.Response pdf = upload(rep, "report.pdf", "%PDF-1.4".getBytes());
        assertThat(pdf.status()).isEqualTo(400);
        assertThat(pdf.header("Content-Type")).contains("problem+json");
        assertThat(pdf.body()).contains("\"field\":\"file\"");

        long id = upload(rep, "ok.csv", "name,phone\nx,13800000000\n".getBytes()).json().get("job").get("id").asLong();
        Api api = new Api(port, rep.token());
        Api.Response badMode = api.post("/api/v1/imports/" + id + "/start",
                Api.json(Map.of("columns", Arrays.asList("name", "phone"), "mode", "MERGE")));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.body()).contains("\"field\":\"mode\"");
        Api.Response twice = api.post("/api/v1/imports/" + id + "/start",
                Api.json(Map.of("columns", Arrays.asList("name", "name"))));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/imports/" + id + "/start", "{not json").status()).isEqualTo(400);

        Account other = new TestAccounts(context).user(Role.SALES_REP, null);
        assertThat(new Api(port, other.token()).get("/api/v1/imports/" + id).status()).isEqualTo(404);
        Account analyst = new TestAccounts(context).user(Role.ANALYST, null);
        assertThat(upload(analyst, "a.csv", "name\nx\n".getBytes()).status()).isEqualTo(403);
    }
}
