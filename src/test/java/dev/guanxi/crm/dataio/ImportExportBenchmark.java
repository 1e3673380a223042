package dev.guanxi.crm.dataio;

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
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Measures a 100,000-row import (beside PostgreSQL's COPY of the same file into a bare table), its upsert re-run
 * and undo, and a 1,000,000-row export; prints the figures for
 * docs/benchmarks.md. Not part of the build: {@code ./mvnw test -Dtest=ImportExportBenchmark -Dbench=true}.
 */
@IntegrationTest
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
        String[] provinces = {"浙江省", "广东省", "江苏省", "四川省", "北京市"};
        String[] industries = {"制造业", "零售", "金融", "教育", "医疗"};
        StringBuilder csv = new StringBuilder("客户名称,手机,邮箱,省份,城市,行业,类型,价值等级,标签\n");
        for (int i = 0; i < rows; i++) {
            csv.append("客户").append(i).append(",139").append(String.format("%08d", i)).append(",c").append(i)
                    .append("@example.com,").append(provinces[i % 5]).append(",城市").append(i % 50).append(',')
                    .append(industries[i % 5]).append(',').append(i % 3 == 0 ? "企业客户" : "消费者").append(',')
                    .append(i % 4 == 0 ? "VIP" : "SMALL").append(',').append(tag).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        String[] columns = {"name", "phone", "email", "province", "city", "industry", "customerType", "valueTier",
                "tags"};

        long id = upload(session, file);
        long t0 = System.nanoTime();
        mvc.perform(post("/imports/" + id + "/start").session(session).with(csrf()).param("column", columns)
                .param("mode", "UPSERT").param("matchKey", "PHONE"));
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> job = jdbc.sql("SELECT * FROM import_jobs WHERE id = ?").param(id).query().singleRow();
        assertThat(job.get("created_count")).isEqualTo((long) rows);

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

        System.out.printf("BENCH import %d rows: %.1f s (%.0f rows/s incl. counting pass); upsert re-run: %.1f s "
                        + "(%.0f rows/s); undo: %.1f s (%.0f rows/s)%n", rows, importSeconds, rows / importSeconds,
                rerunSeconds, rows / rerunSeconds, undoSeconds, rows / undoSeconds);

        // The baseline in the same run: PostgreSQL's COPY of the same file into a bare table (no validation, no
        // duplicate check, no indexes, no timeline, undo or audit records)
        double copySeconds;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE bench_copy (name text, phone text, email text, province text, city text, "
                    + "industry text, customer_type text, value_tier text, tags text)");
            t0 = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)", new ByteArrayInputStream(file));
            copySeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(copied).isEqualTo(rows);
            st.execute("DROP TABLE bench_copy");
        }
        System.out.printf("BENCH COPY of the same %d rows into a bare table: %.2f s (%.0f rows/s); the import is "
                + "%.0f times slower%n", rows, copySeconds, rows / copySeconds, importSeconds / copySeconds);

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
            MemoryPoolMXBean oldGen = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Tenured")).findFirst()
                    .orElse(null);
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

    long upload(MockHttpSession session, byte[] file) throws Exception {
        String location = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "bench.csv", null, file))
                .session(session).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring("/imports/".length()));
    }
}
