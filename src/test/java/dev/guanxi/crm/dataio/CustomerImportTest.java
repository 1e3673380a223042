package dev.guanxi.crm.dataio;

import dev.guanxi.crm.dataio.internal.ColumnMapping;
import dev.guanxi.crm.dataio.internal.ImportEntity;
import dev.guanxi.crm.dataio.internal.Importer;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
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

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CustomerImportTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    ColumnMapping mapping;
    @Autowired
    Importer importer;
    @LocalServerPort
    int port;

    Account rep;
    MockHttpSession session;
    String tag;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("import"));
        session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        tag = "imp" + System.nanoTime();
    }

    long upload(String fileName, byte[] content) throws Exception {
        MvcResult r = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", fileName, null, content))
                        .session(session).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andReturn();
        return Long.parseLong(r.getResponse().getRedirectedUrl().substring("/imports/".length()));
    }

    String page(long id) throws Exception {
        return mvc.perform(get("/imports/" + id).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    void start(long id, String mode, String key, String... columns) throws Exception {
        mvc.perform(post("/imports/" + id + "/start").session(session).with(csrf()).param("column", columns)
                        .param("mode", mode).param("matchKey", key))
                .andExpect(status().is3xxRedirection());
    }

    Map<String, Object> job(long id) {
        return jdbc.sql("SELECT * FROM import_jobs WHERE id = ?").param(id).query().singleRow();
    }

    String rejected(long id) {
        return jdbc.sql("SELECT line || ' ' || field || ' ' || reason || ' ' || raw FROM import_errors WHERE import_id = ?")
                .param(id).query(String.class).list().toString();
    }

    long live(String name) {
        return jdbc.sql("SELECT count(*) FROM customers WHERE ? = ANY(tags) AND deleted_at IS NULL AND name = ?")
                .params(tag, name).query(Long.class).single();
    }

    long liveTagged() {
        return jdbc.sql("SELECT count(*) FROM customers WHERE ? = ANY(tags) AND deleted_at IS NULL")
                .param(tag).query(Long.class).single();
    }

    static byte[] bytes(String text, Charset charset, boolean bom) {
        byte[] body = text.getBytes(charset);
        if (!bom) {
            return body;
        }
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }

    @Test
    void suggestsColumnsFromEnglishAndChineseTitles() {
        assertThat(mapping.suggest(ImportEntity.CUSTOMER, List.of("姓名", "手机", "邮箱", "省份", "城市", "行业", "类型", "备注", "电话",
                "客户手机号", "Unknown", "E-mail", "Customer Type", "价值等级", "External ID")))
                .containsExactly("name", "phone", "email", "province", "city", "industry", "customerType", "notes",
                        null, null, null, null, null, "valueTier", "externalId");
        assertThat(mapping.suggest(ImportEntity.CUSTOMER, List.of("Name", "Mobile", "E-Mail", "Tags", "Birthday", "名称")))
                .containsExactly("name", "phone", "email", "tags", "birthDate", null);
        assertThat(mapping.suggest(ImportEntity.CUSTOMER, List.of("客户名称", "联系电话", "电子邮箱", "所属行业", "客户来源", "性别")))
                .containsExactly("name", "phone", "email", "industry", "source", "gender");
    }

    @Test
    void detectsGbkUtf8WithBomAndUtf8AndPreviewsTheFirstRows() throws Exception {
        String csv = "姓名,手机,省份\n王明,13812345678,浙江省\n李华,13912345678,广东省\n";
        long gbk = upload("客户.csv", bytes(csv, Charset.forName("GBK"), false));
        long bom = upload("bom.csv", bytes(csv, StandardCharsets.UTF_8, true));
        long utf8 = upload("plain.csv", bytes(csv, StandardCharsets.UTF_8, false));
        assertThat(job(gbk).get("encoding")).isEqualTo("GB18030");
        assertThat(job(bom).get("encoding")).isEqualTo("UTF-8");
        assertThat(job(utf8).get("encoding")).isEqualTo("UTF-8");
        for (long id : List.of(gbk, bom, utf8)) {
            String html = page(id);
            assertThat(html).contains("<th>姓名</th>", "<td>王明</td>", "<td>广东省</td>");
            assertThat(html).containsPattern("<option value=\"name\" selected=\"selected\">");
            assertThat(html).containsPattern("<option value=\"phone\" selected=\"selected\">");
        }
    }

    @Test
    void importsGoodRowsAndReportsBadOnesWithLineColumnAndReason() throws Exception {
        String csv = "姓名,手机,邮箱,类型,价值等级,出生日期,标签\n"
                + "王明,13812345678,wm@example.com,企业客户,贵宾,1990-03-07," + tag + "\n"
                + ",13800000000,,,,," + tag + "\n"
                + "李华,call me,not-mail,CONSUMER,GOLD,someday," + tag + "\n"
                + "\n"
                + "张伟,13712345678,,,SMALL,1985/1/2," + tag + "\n";
        long id = upload("rows.csv", bytes(csv, StandardCharsets.UTF_8, true));
        start(id, "CREATE_ONLY", "NONE", "name", "phone", "email", "customerType", "valueTier", "birthDate", "tags");

        Map<String, Object> job = job(id);
        assertThat(job.get("status")).isEqualTo("DONE");
        assertThat(job.get("created_count")).isEqualTo(2L);
        assertThat(job.get("error_count")).isEqualTo(2L);
        assertThat(job.get("rows_read")).isEqualTo(4L);
        Map<String, Object> wang = jdbc.sql("SELECT * FROM customers WHERE ? = ANY(tags) AND name = '王明'")
                .param(tag).query().singleRow();
        assertThat(wang.get("customer_type")).isEqualTo("BUSINESS");
        assertThat(wang.get("kind")).isEqualTo("ORGANIZATION");
        assertThat(wang.get("value_tier")).isEqualTo("VIP");
        assertThat(wang.get("owner_id")).isEqualTo(rep.id());
        assertThat(live("张伟")).isEqualTo(1);

        String html = page(id);
        assertThat(html).contains("4 rows read: 2 created", "must not be empty", "must be a phone number",
                "must be a valid e-mail address", "is not one of the allowed values", "must be a date such as");
        String errors = mvc.perform(get("/imports/" + id + "/errors.csv").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(errors).startsWith("\uFEFF").contains("\n3,name,must not be empty", "\n4,phone,", "\n4,email,",
                "\n4,valueTier,", "\n4,birthDate,", "call me");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'CREATE'")
                .param("import:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void upsertByPhoneIsIdempotentAndUpdatesChangedRows() throws Exception {
        String csv = "Name,Mobile,City,Tags\n"
                + "王明,138 1234 0001,杭州市," + tag + "\n"
                + "李华,13812340002,宁波市," + tag + "\n"
                + "李华二,13812340002,温州市," + tag + "\n";
        long first = upload("upsert.csv", bytes(csv, StandardCharsets.UTF_8, false));
        start(first, "UPSERT", "PHONE", "name", "phone", "city", "tags");
        assertThat(job(first).get("created_count")).isEqualTo(2L);
        assertThat(liveTagged()).isEqualTo(2);
        assertThat(live("李华二")).isEqualTo(1);

        long again = upload("upsert.csv", bytes(csv, StandardCharsets.UTF_8, false));
        start(again, "UPSERT", "PHONE", "name", "phone", "city", "tags");
        Map<String, Object> second = job(again);
        assertThat(second.get("created_count")).isEqualTo(0L);
        assertThat(second.get("updated_count")).isEqualTo(0L);
        assertThat(second.get("unchanged_count")).isEqualTo(3L);
        assertThat(liveTagged()).isEqualTo(2);

        long changed = upload("changed.csv", bytes("Name,Mobile,City\n王明,13812340001,上海市\n",
                StandardCharsets.UTF_8, false));
        start(changed, "UPSERT", "PHONE", "name", "phone", "city");
        assertThat(job(changed).get("updated_count")).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT city FROM customers WHERE ? = ANY(tags) AND name = '王明'").param(tag)
                .query(String.class).single()).isEqualTo("上海市");

        long createOnly = upload("again.csv", bytes(csv, StandardCharsets.UTF_8, false));
        start(createOnly, "CREATE_ONLY", "PHONE", "name", "phone", "city", "tags");
        assertThat(job(createOnly).get("error_count")).isEqualTo(3L);
        assertThat(liveTagged()).isEqualTo(2);
    }

    @Test
    void upsertsByExternalIdAndByEmail() throws Exception {
        String ext = "ERP-" + System.nanoTime();
        long first = upload("erp.csv", bytes("外部编号,名称,邮箱,标签\n" + ext + ",甲公司,A@Example.com," + tag + "\n",
                StandardCharsets.UTF_8, false));
        start(first, "UPSERT", "EXTERNAL_ID", "externalId", "name", "email", "tags");
        assertThat(job(first).get("created_count")).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT external_id FROM customers WHERE ? = ANY(tags)").param(tag).query(String.class)
                .single()).isEqualTo(ext);

        long renamed = upload("erp.csv", bytes("外部编号,名称\n" + ext + ",甲公司（新）\n,没有编号\n",
                StandardCharsets.UTF_8, false));
        start(renamed, "UPSERT", "EXTERNAL_ID", "externalId", "name");
        assertThat(job(renamed).get("updated_count")).isEqualTo(1L);
        assertThat(job(renamed).get("error_count")).isEqualTo(1L);
        assertThat(rejected(renamed)).contains("3 externalId", "is needed to match existing records");
        assertThat(live("甲公司（新）")).isEqualTo(1);

        long byMail = upload("mail.csv", bytes("email,city\na@example.COM,苏州市\n", StandardCharsets.UTF_8, false));
        start(byMail, "UPSERT", "EMAIL", "email", "city");
        assertThat(job(byMail).get("updated_count")).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT city FROM customers WHERE ? = ANY(tags)").param(tag).query(String.class)
                .single()).isEqualTo("苏州市");
        assertThat(liveTagged()).isEqualTo(1);
    }

    @Test
    void resumesAfterACrashToTheExactRowCount() throws Exception {
        int n = 2500;
        StringBuilder csv = new StringBuilder("name,phone,tags\n");
        for (int i = 1; i <= n; i++) {
            csv.append("续传客户").append(i).append(",1390000").append(String.format("%04d", i)).append(',')
                    .append(tag).append('\n');
        }
        byte[] full = bytes(csv.toString(), StandardCharsets.UTF_8, false);
        long id = upload("big.csv", full);
        Path stored = Path.of((String) job(id).get("stored_file"));
        // the application "crashes" after committing the first batch: run it over only the first 1,000 rows ...
        List<String> lines = Files.readAllLines(stored);
        Files.write(stored, lines.subList(0, 1001));
        start(id, "CREATE_ONLY", "NONE", "name", "phone", "tags");
        assertThat(job(id).get("last_line")).isEqualTo(1001L);
        assertThat(liveTagged()).isEqualTo(1000);
        // ... and leave the job marked running, as a killed process does
        Files.write(stored, full);
        jdbc.sql("UPDATE import_jobs SET status = 'RUNNING', finished_at = NULL WHERE id = ?").param(id).update();

        importer.resume(id);

        Map<String, Object> job = job(id);
        assertThat(job.get("status")).isEqualTo("DONE");
        assertThat(job.get("last_line")).isEqualTo((long) n + 1);
        assertThat(job.get("rows_read")).isEqualTo((long) n);
        assertThat(job.get("created_count")).isEqualTo((long) n);
        assertThat(liveTagged()).isEqualTo(n);
        assertThat(jdbc.sql("SELECT count(DISTINCT name) FROM customers WHERE ? = ANY(tags)").param(tag)
                .query(Long.class).single()).isEqualTo(n);
    }

    @Test
    void aJobRunningOnAnotherInstanceIsLeftAloneAndTakenOverWhenThatInstanceDies() throws Exception {
        int n = 1500;
        StringBuilder csv = new StringBuilder("name,tags\n");
        for (int i = 1; i <= n; i++) {
            csv.append("接管客户").append(i).append(',').append(tag).append('\n');
        }
        byte[] full = bytes(csv.toString(), StandardCharsets.UTF_8, false);
        long id = upload("orphan.csv", full);
        Path stored = Path.of((String) job(id).get("stored_file"));
        List<String> lines = Files.readAllLines(stored);
        Files.write(stored, lines.subList(0, 1001));
        start(id, "CREATE_ONLY", "NONE", "name", "tags");
        Files.write(stored, full);
        jdbc.sql("UPDATE import_jobs SET status = 'RUNNING', finished_at = NULL WHERE id = ?").param(id).update();

        // another instance runs the job: it holds the job's lock on its own database session
        try (java.sql.Connection otherInstance = dataSource.getConnection();
             java.sql.PreparedStatement lock = otherInstance.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, 0x1_4D50);
            lock.setInt(2, (int) id);
            lock.execute();
            importer.takeOverOrphans();
            importer.resume(id);
            assertThat(job(id).get("status")).isEqualTo("RUNNING");
            assertThat(job(id).get("last_line")).isEqualTo(1001L);
            assertThat(liveTagged()).isEqualTo(1000);
        }
        // that instance died (its session ended): the next check here takes the job over and finishes it once
        importer.takeOverOrphans();
        assertThat(job(id).get("status")).isEqualTo("DONE");
        assertThat(job(id).get("created_count")).isEqualTo((long) n);
        assertThat(liveTagged()).isEqualTo(n);
    }

    @Test
    void showsProgressWhileRunningAndContinuesAFailedImport() throws Exception {
        long id = upload("progress.csv", bytes("name,tags\n甲," + tag + "\n乙," + tag + "\n丙," + tag + "\n",
                StandardCharsets.UTF_8, false));
        // what the page polls while a job runs: 1 of 3 rows committed
        jdbc.sql("""
                UPDATE import_jobs SET status = 'RUNNING', mapping = '["name", "tags"]', mode = 'CREATE_ONLY',
                  match_key = 'NONE', total_rows = 3, rows_read = 1, started_at = now() WHERE id = ?""")
                .param(id).update();
        String fragment = mvc.perform(get("/imports/" + id + "/progress").session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).contains("hx-trigger=\"every 1s\"", "aria-valuenow=\"33\"", "1 of 3 rows", "rows/s");

        jdbc.sql("UPDATE import_jobs SET status = 'FAILED', rows_read = 0, failure = 'disk full' WHERE id = ?")
                .param(id).update();
        assertThat(page(id)).contains("id=\"retry-import\"", "disk full");
        mvc.perform(post("/imports/" + id + "/retry").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(job(id).get("status")).isEqualTo("DONE");
        assertThat(liveTagged()).isEqualTo(3);
        fragment = mvc.perform(get("/imports/" + id + "/progress").session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("hx-trigger").contains("3 rows read: 3 created");
    }

    @Test
    void importsWhatTheExportWrote() throws Exception {
        Api api = new Api(port, rep.token());
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("kind", "ORGANIZATION");
        body.put("name", "杭州往返贸易有限公司");
        body.put("customerType", "BUSINESS");
        body.put("valueTier", "MAJOR");
        body.put("settlement", "CREDIT");
        body.put("creditTerms", "MONTHLY");
        body.put("creditLimit", 50000);
        body.put("source", "EXHIBITION");
        body.put("phone", "13812349999");
        body.put("birthDate", "1990-03-07");
        body.put("tags", List.of(tag, "老客户"));
        assertThat(api.post("/api/v1/customers", Api.json(body)).status()).isEqualTo(201);
        byte[] exported = mvc.perform(get("/customers/export?format=csv&tag=" + tag).session(session)
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();

        long id = upload("export.csv", exported);
        String html = page(id);
        assertThat(html).containsPattern("<option value=\"creditLimit\" selected=\"selected\">")
                .containsPattern("<option value=\"source\" selected=\"selected\">");
        Importer.Preview preview = previewAs(id);
        start(id, "UPSERT", "PHONE", preview.suggested().stream().map(f -> f == null ? "" : f).toArray(String[]::new));
        assertThat(job(id).get("unchanged_count")).as(rejected(id)).isEqualTo(1L);
        assertThat(job(id).get("error_count")).isEqualTo(0L);
        assertThat(liveTagged()).isEqualTo(1);
    }

    Importer.Preview previewAs(long id) throws Exception {
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        (dev.guanxi.crm.identity.CurrentUser.Holder) () -> new dev.guanxi.crm.identity.CurrentUser(
                                rep.id(), rep.username(), "Rep", Role.SALES_REP, rep.teamId(),
                                java.util.Set.of(rep.teamId())), null, List.of()));
        try {
            return importer.preview(id);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Test
    void importsExcel() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "test", "1.0")) {
            Worksheet ws = wb.newWorksheet("客户");
            List<String> header = List.of("客户名称", "联系电话", "生日", "标签");
            for (int c = 0; c < header.size(); c++) {
                ws.value(0, c, header.get(c));
            }
            ws.value(1, 0, "王明");
            ws.value(1, 1, 13812345678L);
            ws.value(1, 2, java.time.LocalDate.of(1990, 3, 7));
            ws.style(1, 2).format("yyyy-mm-dd").set();
            ws.value(1, 3, tag);
            ws.value(3, 0, "李华");
            ws.value(3, 3, tag);
        }
        long id = upload("客户.xlsx", out.toByteArray());
        assertThat(page(id)).contains("<td>王明</td>");
        start(id, "CREATE_ONLY", "NONE", "name", "phone", "birthDate", "tags");
        assertThat(job(id).get("created_count")).as(rejected(id)).isEqualTo(2L);
        Map<String, Object> wang = jdbc.sql("SELECT phone, birth_date::text AS birth FROM customers "
                + "WHERE ? = ANY(tags) AND name = '王明'").param(tag).query().singleRow();
        assertThat(wang.get("phone")).isEqualTo("13812345678");
        assertThat(wang.get("birth")).isEqualTo("1990-03-07");
        assertThat(job(id).get("last_line")).isEqualTo(4L);
    }

    @Test
    void undoDeletesCreatedAndRestoresUpdatedCustomersButKeepsLaterEdits() throws Exception {
        long before = upload("seed.csv", bytes("name,phone,city,tags\n老客户,13600000001,杭州市," + tag
                + "\n另一位,13600000002,宁波市," + tag + "\n", StandardCharsets.UTF_8, false));
        start(before, "CREATE_ONLY", "NONE", "name", "phone", "city", "tags");

        long id = upload("update.csv", bytes("name,phone,city,tags\n老客户,13600000001,上海市," + tag
                + "\n另一位,13600000002,北京市," + tag + "\n新客户,13600000003,深圳市," + tag + "\n",
                StandardCharsets.UTF_8, false));
        start(id, "UPSERT", "PHONE", "name", "phone", "city", "tags");
        assertThat(job(id).get("updated_count")).isEqualTo(2L);
        assertThat(job(id).get("created_count")).isEqualTo(1L);
        // someone edits one updated customer after the import: the undo must not overwrite that
        long other = jdbc.sql("SELECT id FROM customers WHERE ? = ANY(tags) AND name = '另一位'").param(tag)
                .query(Long.class).single();
        Api.Response r = new Api(port, rep.token()).put("/api/v1/customers/" + other, Api.json(Map.of("kind",
                "PERSON", "name", "另一位", "customerType", "CONSUMER", "city", "天津市", "tags", List.of(tag))), "\"1\"");
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        String html = page(id);
        assertThat(html).contains("id=\"undo-import\"", "data-confirm=");
        mvc.perform(post("/imports/" + id + "/undo").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());

        Map<String, Object> job = job(id);
        assertThat(job.get("status")).isEqualTo("UNDONE");
        assertThat(job.get("undone_count")).isEqualTo(2L);
        assertThat(job.get("skipped_undo_count")).isEqualTo(1L);
        assertThat(live("新客户")).isZero();
        assertThat(jdbc.sql("SELECT city FROM customers WHERE ? = ANY(tags) AND name = '老客户'").param(tag)
                .query(String.class).single()).isEqualTo("杭州市");
        assertThat(jdbc.sql("SELECT city FROM customers WHERE id = ?").param(other).query(String.class).single())
                .isEqualTo("天津市");
        assertThat(page(id)).contains("2 changes taken back; 1 records had changed since");
        mvc.perform(post("/imports/" + id + "/undo").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(job(id).get("undone_count")).isEqualTo(2L);
    }

    @Test
    void badUploadsAndMappingsGetMessagesNotErrors() throws Exception {
        String html = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "report.pdf", null,
                        "%PDF".getBytes())).session(session).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Choose a .csv or .xlsx file.");
        html = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "empty.csv", null, new byte[0]))
                        .session(session).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Choose a file that is not empty.");
        html = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "bad.xlsx", null,
                        "not a zip".getBytes())).session(session).with(csrf()).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("cannot be read");

        long id = upload("ok.csv", bytes("a,b\nx,y\n", StandardCharsets.UTF_8, false));
        html = mvc.perform(post("/imports/" + id + "/start").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("column", "", "phone").param("mode", "UPSERT").param("matchKey", "EMAIL"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Map the column of the field used to match existing records.");
        html = mvc.perform(post("/imports/" + id + "/start").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("column", "phone", "phone").param("mode", "CREATE_ONLY").param("matchKey", "NONE"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Each field can be chosen for one column only.", "Choose the column that holds the name.");
        assertThat(job(id).get("status")).isEqualTo("DRAFT");

        Account stranger = new TestAccounts(context).user(Role.SALES_REP, null);
        MockHttpSession other = Sessions.login(mvc, stranger.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/imports/" + id).session(other)).andExpect(status().isNotFound());
        Account analyst = new TestAccounts(context).user(Role.ANALYST, null);
        MockHttpSession readOnly = Sessions.login(mvc, analyst.username(), TestAccounts.PASSWORD);
        mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "a.csv", null, "name\nx\n".getBytes()))
                .session(readOnly).with(csrf())).andExpect(status().isForbidden());
        assertThat(Arrays.asList(page(id).split("\n"))).isNotEmpty();
    }
}
