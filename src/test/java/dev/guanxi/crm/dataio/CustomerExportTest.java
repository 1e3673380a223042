package dev.guanxi.crm.dataio;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CustomerExportTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    Account rep;
    Account westRep;
    Account analyst;
    String tag;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("export-east"));
        westRep = accounts.user(Role.SALES_REP, accounts.team("export-west"));
        analyst = accounts.user(Role.ANALYST, null);
        tag = "exp" + System.nanoTime();
    }

    long create(Account owner, String name, String valueTier) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "PERSON");
        body.put("name", name);
        body.put("customerType", "CONSUMER");
        body.put("valueTier", valueTier);
        body.put("phone", "13812345678");
        body.put("email", "wang.ming@example.com");
        body.put("idNumber", "110101199003071234");
        body.put("province", "浙江省");
        body.put("tags", List.of(tag));
        Api.Response r = new Api(port, owner.token()).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    HttpResponse<byte[]> download(Account account, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/customers/export?" + query))
                .header("Authorization", "Bearer " + account.token()).header("Accept-Language", "zh-CN").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<CSVRecord> csv(byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
    }

    @Test
    void exportsTheFilteredVisibleCustomersAsCsvWithBomAndChineseHeaders() throws Exception {
        long vip = create(rep, "王明", "VIP");
        long small = create(rep, "李华", "SMALL");
        long invisible = create(westRep, "张伟", "VIP");

        HttpResponse<byte[]> r = download(rep, "format=csv&sort=name&tag=" + tag);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment")
                .contains(".csv");
        List<CSVRecord> rows = csv(r.body());
        assertThat(rows.get(0).get(0)).isEqualTo("编号");
        assertThat(rows.get(0).get(2)).isEqualTo("名称");
        assertThat(rows.subList(1, rows.size()).stream().map(x -> Long.parseLong(x.get(0))))
                .containsExactlyInAnyOrder(vip, small).doesNotContain(invisible);
        CSVRecord wang = rows.stream().filter(x -> x.get(2).equals("王明")).findFirst().orElseThrow();
        assertThat(wang.toList()).contains("13812345678", "wang.ming@example.com", "浙江省", "个人", tag);

        List<CSVRecord> filtered = csv(download(rep, "tag=" + tag + "&valueTier=VIP").body());
        assertThat(filtered).hasSize(2);
        assertThat(filtered.get(1).get(0)).isEqualTo(String.valueOf(vip));
    }

    @Test
    void masksPersonalDataForRolesWithoutAccessAndAuditsEveryExport() throws Exception {
        create(rep, "王明", "VIP");
        create(westRep, "张伟", "VIP");

        List<CSVRecord> rows = csv(download(analyst, "tag=" + tag).body());
        assertThat(rows).hasSize(3);
        String all = rows.stream().map(x -> String.join("|", x.toList())).collect(Collectors.joining("\n"));
        assertThat(all).contains("138****5678", "w***@example.com", "1101**********1234")
                .doesNotContain("13812345678", "wang.ming@example.com", "110101199003071234");

        Map<String, Object> entry = jdbc.sql("""
                        SELECT actor_id, action, changes::text AS changes, summary FROM audit_log
                        WHERE action = 'EXPORT' AND actor_id = ? ORDER BY id DESC LIMIT 1""")
                .param(analyst.id()).query().singleRow();
        assertThat(entry.get("changes").toString()).contains("\"rows\"", "\"2\"", "tag=" + tag, "masked", "csv");
        assertThat(entry.get("summary").toString()).contains("2 customers");
    }

    @Test
    void exportsExcelThatReadsBack() throws Exception {
        long id = create(rep, "王明", "VIP");
        HttpResponse<byte[]> r = download(rep, "format=xlsx&tag=" + tag);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains(".xlsx");
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.body()))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getCellText(2)).isEqualTo("名称");
            assertThat(rows.get(1).getCellText(0)).isEqualTo(String.valueOf(id));
            assertThat(rows.get(1).getCellText(2)).isEqualTo("王明");
            assertThat(rows.get(1).getCellText(21)).isEqualTo("13812345678");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND actor_id = ?")
                .param(rep.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void streamsMoreRowsThanOneFetch() throws Exception {
        int n = 2500;
        jdbc.sql("""
                        INSERT INTO customers (kind, name, customer_type, tags, owner_id, team_id)
                        SELECT 'PERSON', '批量' || g, 'CONSUMER', ARRAY[CAST(:tag AS text)], :owner, :team
                        FROM generate_series(1, :n) g""")
                .param("tag", tag).param("owner", rep.id()).param("team", rep.teamId()).param("n", n).update();
        assertThat(csv(download(rep, "tag=" + tag).body())).hasSize(n + 1);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(
                download(rep, "format=xlsx&tag=" + tag).body()))) {
            assertThat(wb.getFirstSheet().read()).hasSize(n + 1);
        }
    }

    @Test
    void rejectsBadInputWithProblemDetails() throws Exception {
        HttpResponse<byte[]> badFormat = download(rep, "format=pdf");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(new String(badFormat.body(), StandardCharsets.UTF_8)).contains("format");
        assertThat(badFormat.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        assertThat(download(rep, "valueTier=GOLD").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> badSort = download(rep, "sort=random");
        assertThat(badSort.statusCode()).isEqualTo(400);
        assertThat(badSort.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND actor_id = ?")
                .param(rep.id()).query(Long.class).single()).isZero();
    }

    @Test
    void listPageOffersExportWithItsFiltersAndDownloadsThem() throws Exception {
        long id = create(rep, "王明", "VIP");
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        String page = mvc.perform(get("/customers?tag=" + tag).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"export-csv\"", "/customers/export?tag=" + tag + "&amp;format=csv",
                "/customers/export?tag=" + tag + "&amp;format=xlsx", "Export Excel");

        MvcResult file = mvc.perform(get("/customers/export").param("tag", tag).param("format", "csv")
                        .session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn();
        List<CSVRecord> rows = csv(file.getResponse().getContentAsByteArray());
        assertThat(rows.get(0).get(2)).isEqualTo("Name");
        assertThat(rows.get(1).get(0)).isEqualTo(String.valueOf(id));

        mvc.perform(get("/customers/export?tag=" + tag + "&valueTier=GOLD&format=csv")
                        .session(session))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/customers?tag=")));
    }
}
