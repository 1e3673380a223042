package dev.guanxi.crm.dataio;

import dev.guanxi.crm.customer.PinyinNameKey;
import dev.guanxi.crm.demo.internal.BenchmarkCustomerFile;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Measures a 100,000-row import of realistic customers (beside PostgreSQL's COPY of the same rows into a bare table
 * and into the indexed customers table), the time until its follow-up duplicate check is done, its upsert re-run
 * and undo, and a 1,000,000-row export; prints the figures for
 * docs/benchmarks.md. Not part of the build: {@code ./mvnw test -Dtest=ImportExportBenchmark -Dbench=true}.
 */
@IntegrationTest
// the follow-up duplicate check runs beside the import, as in production, so that both times can be measured
@TestPropertySource(properties = "guanxi.duplicates.follow-up.background=true")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ImportExportBenchmark {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @LocalServerPort
    int port;

    @Test
    void measure() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("bench"));
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        String tag = "bench" + System.nanoTime();
        int rows = Integer.getInteger("bench.import.rows", 100_000);
        // realistic variety: the demo data's names by surname frequency, weighted cities, unique mobiles, e-mails
        Path path = Files.createTempFile("bench-customers", ".csv");
        BenchmarkCustomerFile.write(path, rows, 7, tag);
        byte[] file = Files.readAllBytes(path);
        Files.delete(path);
        String[] columns = BenchmarkCustomerFile.FIELDS;

        long id = upload(session, file);
        MemoryPoolMXBean oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Tenured")).findFirst()
                .orElse(null);
        System.gc();
        if (oldGen != null) {
            oldGen.resetPeakUsage();
        }
        long heapBefore = oldGen == null ? 0 : oldGen.getUsage().getUsed();
        long t0 = System.nanoTime();
        mvc.perform(post("/imports/" + id + "/start").session(session).with(csrf()).param("column", columns)
                .param("mode", "UPSERT").param("matchKey", "PHONE"));
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        // the file itself (its bytes, held by this test for the second upload and the COPY) is in "before"
        System.out.printf("BENCH import heap: old generation %d MB before (the %d MB file included), peak %d MB "
                        + "during (max heap %d MB)%n", heapBefore >> 20, file.length >> 20,
                oldGen == null ? -1 : oldGen.getPeakUsage().getUsed() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        Map<String, Object> job = jdbc.sql("SELECT * FROM import_jobs WHERE id = ?").param(id).query().singleRow();
        assertThat(job.get("created_count")).isEqualTo((long) rows);
        // the honest end-to-end figure: until the import's follow-up duplicate check has finished too
        // (at most bench.followup.max-seconds: a run reports "not done" rather than running for hours)
        long waitUntil = System.nanoTime() + Long.getLong("bench.followup.max-seconds", 3_600) * 1_000_000_000L;
        while (followUpPending(id) && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        double checkedSeconds = (System.nanoTime() - t0) / 1e9;
        if (followUpPending(id)) {
            System.out.printf("BENCH the follow-up duplicate check was NOT done after %.1f s; %d customers still "
                    + "queued%n", checkedSeconds, jdbc.sql("SELECT count(*) FROM duplicate_check_queue WHERE source = ?")
                    .param("import:" + id).query(Long.class).single());
        }
        long pairs = jdbc.sql("SELECT count(*) FROM duplicate_candidates").query(Long.class).single();

        long again = upload(session, file);
        t0 = System.nanoTime();
        mvc.perform(post("/imports/" + again + "/start").session(session).with(csrf()).param("column", columns)
                .param("mode", "UPSERT").param("matchKey", "PHONE"));
        double rerunSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(jdbc.sql("SELECT unchanged_count FROM import_jobs WHERE id = ?").param(again).query(Long.class)
                .single()).isEqualTo(rows);

        t0 = System.nanoTime();
        mvc.perform(post("/imports/" + id + "/undo").session(session).with(csrf()));
        double undoSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(jdbc.sql("SELECT undone_count FROM import_jobs WHERE id = ?").param(id).query(Long.class)
                .single()).isEqualTo(rows);

        System.out.printf("BENCH import %d rows: %.1f s (%.0f rows/s incl. counting pass); with its duplicate check "
                        + "done: %.1f s (%.0f rows/s), %d candidate pairs; upsert re-run: %.1f s (%.0f rows/s); undo: "
                        + "%.1f s (%.0f rows/s)%n", rows, importSeconds, rows / importSeconds, checkedSeconds,
                rows / checkedSeconds, pairs, rerunSeconds, rows / rerunSeconds, undoSeconds, rows / undoSeconds);

        // The floors in the same run: PostgreSQL's COPY of the same file into a bare table (no validation, no
        // duplicate check, no indexes, no timeline, undo or audit records), and of the same rows into the real
        // customers table with all its indexes, in a transaction that is rolled back
        double copySeconds;
        double indexedSeconds;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE bench_copy (name text, phone text, email text, province text, city text, "
                    + "industry text, customer_type text, value_tier text, tags text, gender text, birth_date text)");
            t0 = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)", new ByteArrayInputStream(file));
            copySeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(copied).isEqualTo(rows);
            Path customerRows = customersCopyFile(c, rep);
            st.execute("DROP TABLE bench_copy");
            c.setAutoCommit(false);
            t0 = System.nanoTime();
            try (java.io.Reader in = Files.newBufferedReader(customerRows)) {
                copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY customers (kind, name, "
                        + "customer_type, value_tier, province, city, industry, tags, phone, email, gender, "
                        + "birth_date, owner_id, team_id, name_key) FROM STDIN", in);
            }
            indexedSeconds = (System.nanoTime() - t0) / 1e9;
            Files.delete(customerRows);
            c.rollback();
            c.setAutoCommit(true);
            assertThat(copied).isEqualTo(rows);
        }
        System.out.printf("BENCH COPY of the same %d rows into a bare table: %.2f s (%.0f rows/s), the import is "
                        + "%.1f times slower; into customers with its indexes: %.2f s (%.0f rows/s), the import is "
                        + "%.1f times slower%n", rows, copySeconds, rows / copySeconds, importSeconds / copySeconds,
                indexedSeconds, rows / indexedSeconds, importSeconds / indexedSeconds);

        int exportRows = Integer.getInteger("bench.export.rows", 1_000_000);
        String exportTag = "exp" + tag;
        t0 = System.nanoTime();
        jdbc.sql("""
                        INSERT INTO customers (kind, name, customer_type, value_tier, province, city, industry, phone,
                          email, tags, owner_id, team_id)
                        SELECT 'PERSON', '导出客户' || g, 'CONSUMER', 'VIP', '浙江省', '杭州市', '零售',
                          '138' || lpad(g::text, 8, '0'), 'e' || g || '@example.com', ARRAY[CAST(:tag AS text)],
                          :owner, :team FROM generate_series(1, :n) g""")
                .param("tag", exportTag).param("owner", rep.id()).param("team", rep.teamId()).param("n", exportRows)
                .update();
        System.out.printf("BENCH inserted %d export rows in %.1f s%n", exportRows, (System.nanoTime() - t0) / 1e9);
        for (String format : new String[] {"csv", "xlsx"}) {
            System.gc();
            if (oldGen != null) {
                oldGen.resetPeakUsage();
            }
            long before = oldGen == null ? 0 : oldGen.getUsage().getUsed();
            t0 = System.nanoTime();
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + port + "/api/v1/customers/export?format=" + format + "&tag=" + exportTag))
                    .header("Authorization", "Bearer " + rep.token()).build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (InputStream in = r.body()) {
                bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = oldGen == null ? -1 : oldGen.getPeakUsage().getUsed();
            System.out.printf("BENCH export %d rows as %s: %.1f s (%.0f rows/s), %d MB; old generation %d MB before, "
                            + "peak %d MB during (max heap %d MB)%n", exportRows, format, seconds, exportRows / seconds,
                    bytes >> 20, before >> 20, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    private boolean followUpPending(long importId) {
        if (jdbc.sql("SELECT to_regclass('duplicate_check_queue') IS NULL").query(Boolean.class).single()) {
            return false; // before the follow-up check existed: every rule ran inside the import
        }
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM duplicate_check_queue WHERE source = ?)")
                .param("import:" + importId).query(Boolean.class).single();
    }

    /**
     * The file's rows as customers columns in COPY text format (PostgreSQL maps the labels; Java the name key), in a
     * temporary file: at a million rows a string of them would not fit the test JVM's heap.
     */
    private static Path customersCopyFile(Connection c, Account rep) throws Exception {
        Path labels = Files.createTempFile("bench-copy-out", ".txt");
        Path rows = Files.createTempFile("bench-copy-in", ".txt");
        try (java.io.Writer out = Files.newBufferedWriter(labels)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    COPY (SELECT CASE customer_type WHEN '企业客户' THEN 'ORGANIZATION' ELSE 'PERSON' END,
                      name, CASE customer_type WHEN '企业客户' THEN 'BUSINESS' ELSE 'CONSUMER' END, value_tier, province,
                      city, industry, ARRAY[tags], phone, email,
                      CASE gender WHEN '男' THEN 'MALE' WHEN '女' THEN 'FEMALE' END, birth_date, %d, %d
                    FROM bench_copy) TO STDOUT""".formatted(rep.id(), rep.teamId()), out);
        }
        try (java.io.BufferedReader in = Files.newBufferedReader(labels);
             java.io.Writer out = Files.newBufferedWriter(rows)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String name = line.split("\t", 3)[1];
                String key = PinyinNameKey.of(name);
                out.append(line).append('\t').append(key == null ? "\\N" : key).append('\n');
            }
        }
        Files.delete(labels);
        return rows;
    }

    long upload(MockHttpSession session, byte[] file) throws Exception {
        String location = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "bench.csv", null, file))
                .session(session).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring("/imports/".length()));
    }
}
