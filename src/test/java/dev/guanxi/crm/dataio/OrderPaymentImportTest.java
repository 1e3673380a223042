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
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class OrderPaymentImportTest {

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
    String n;
    String extA;
    String extB;
    String extHidden;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        Long team = accounts.team("order-import");
        rep = accounts.user(Role.SALES_REP, team);
        imports = new EntityImports(port);
        n = "E" + System.nanoTime() % 1_000_000_000L;
        extA = n + "-CA";
        extB = n + "-CB";
        extHidden = n + "-CH";
        imports.run(rep, "customers", ("name,externalId\n甲客户" + n + "," + extA + "\n乙客户" + n + "," + extB + "\n")
                .getBytes(StandardCharsets.UTF_8), "CREATE_ONLY", "NONE", "name", "externalId");
        Account stranger = new TestAccounts(context).user(Role.SALES_REP, null);
        imports.run(stranger, "customers", ("name,externalId\n丁客户" + n + "," + extHidden + "\n")
                .getBytes(StandardCharsets.UTF_8), "CREATE_ONLY", "NONE", "name", "externalId");
        Account manager = new TestAccounts(context).user(Role.MANAGER, team);
        imports.run(manager, "products", ("sku,name,listPrice\n" + n + "-P1,茶杯,100\n" + n + "-P2,茶壶,50\n")
                .getBytes(StandardCharsets.UTF_8), "UPSERT", "SKU", "sku", "name", "listPrice");
    }

    Map<String, Object> order(String number) {
        return jdbc.sql("SELECT * FROM orders WHERE external_number = ?").param(n + number).query().singleRow();
    }

    long orders() {
        return jdbc.sql("SELECT count(*) FROM orders WHERE external_number LIKE ?").param(n + "%")
                .query(Long.class).single();
    }

    JsonNode importOrders(String csv, Charset charset) {
        return imports.run(rep, "orders", csv.getBytes(charset), "CREATE_ONLY", "NONE", "orderNumber",
                "customerExternalId", "orderDate", "status", "sku", "quantity", "unitPrice", "discountPct");
    }

    @Test
    void importsOrdersWithTheirLinesFromAGbkFileAndRejectsBadOrdersWhole() {
        String csv = "订单号,客户编号,订单日期,状态,产品编码,数量,单价,折扣\n"
                + n + "-1," + extA + ",2026年3月7日,已确认," + n + "-P1,2,,\n"
                + n + "-1,,,," + n + "-P2,1,50,10\n"
                + n + "-2," + extB + ",2026/3/8,," + n + "-P1,1,,\n"
                + n + "-3,NO-SUCH,2026-03-09,," + n + "-P1,1,,\n"
                + n + "-3,,,," + n + "-P2,1,,\n"
                + n + "-4," + extA + ",2026-03-09,,NO-SUCH-SKU,1,,\n"
                + n + "-4,,,," + n + "-P2,两个,,\n"
                + n + "-5," + extA + ",someday,," + n + "-P1,1,,\n"
                + n + "-6," + extHidden + ",2026-03-09,," + n + "-P1,1,,\n"
                + n + "-7," + extA + ",2026-03-09,," + n + "-P1,1,abc,\n";
        JsonNode uploaded = imports.upload(rep, "orders", "订单.csv", csv.getBytes(Charset.forName("GBK")));
        assertThat(uploaded.get("preview").get("suggested").toString()).isEqualTo("[\"orderNumber\","
                + "\"customerExternalId\",\"orderDate\",\"status\",\"sku\",\"quantity\",\"unitPrice\",\"discountPct\"]");
        long id = uploaded.get("job").get("id").asLong();
        JsonNode job = imports.start(rep, id, "CREATE_ONLY", "NONE", "orderNumber", "customerExternalId", "orderDate",
                "status", "sku", "quantity", "unitPrice", "discountPct");
        assertThat(job.get("created").asLong()).as("orders, not lines").isEqualTo(2);
        assertThat(job.get("rejected").asLong()).isEqualTo(7);

        Map<String, Object> first = order("-1");
        assertThat(first.get("status")).isEqualTo("CONFIRMED");
        assertThat(first.get("order_date")).isEqualTo(Date.valueOf(LocalDate.of(2026, 3, 7)));
        assertThat(first.get("due_date")).isEqualTo(Date.valueOf(LocalDate.of(2026, 3, 7)));
        assertThat(first.get("total")).isEqualTo(new BigDecimal("245.00"));
        assertThat(first.get("owner_id")).isEqualTo(rep.id());
        assertThat(jdbc.sql("SELECT count(*) FROM order_lines WHERE order_id = ?").param(first.get("id"))
                .query(Long.class).single()).isEqualTo(2);
        assertThat(order("-2").get("status")).isEqualTo("DRAFT");
        assertThat(orders()).isEqualTo(2);

        assertThat(imports.errors(rep, id)).contains("\n5,customerExternalId,finds no customer that you can see",
                "\n6,orderNumber,\"another line of this order was rejected", "\n7,sku,finds no product on sale",
                "\n8,quantity,must be a number", "\n9,orderDate,must be a date",
                "\n10,customerExternalId,finds no customer that you can see", "\n11,unitPrice,must be a number");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'order' AND entity_id = ?")
                .param("import:" + id).query(Long.class).single()).isEqualTo(1);

        JsonNode again = importOrders(csv, Charset.forName("GBK"));
        assertThat(again.get("created").asLong()).isZero();
        assertThat(orders()).as("a file imported twice creates no order twice").isEqualTo(2);
    }

    @Test
    void keepsTheLinesOfAnOrderInOneBatch() {
        StringBuilder csv = new StringBuilder("orderNumber,customerExternalId,orderDate,status,sku,quantity,unitPrice,"
                + "discountPct\n");
        for (int i = 1; i <= 995; i++) {
            csv.append(n).append("-s").append(i).append(',').append(extA).append(",2026-01-02,,").append(n)
                    .append("-P1,1,,\n");
        }
        for (int line = 0; line < 10; line++) {
            csv.append(n).append("-big,").append(line == 0 ? extB : "").append(",2026-01-02,,").append(n)
                    .append("-P2,1,,\n");
        }
        JsonNode job = importOrders(csv.toString(), StandardCharsets.UTF_8);
        assertThat(job.get("created").asLong()).isEqualTo(996);
        assertThat(job.get("rejected").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM order_lines WHERE order_id = ?").param(order("-big").get("id"))
                .query(Long.class).single()).isEqualTo(10);
        assertThat(order("-big").get("total")).isEqualTo(new BigDecimal("500.00"));
    }

    @Test
    void paymentsNameTheirOrderByNumberAddUpAndAreNotRecordedTwice() throws Exception {
        importOrders("orderNumber,customerExternalId,orderDate,status,sku,quantity\n"
                + n + "-P," + extA + ",2026-03-01,CONFIRMED," + n + "-P1,3\n"
                + n + "-D," + extA + ",2026-03-01,DRAFT," + n + "-P1,1\n", StandardCharsets.UTF_8);
        long paidOrder = ((Number) order("-P").get("id")).longValue();
        String ours = String.format("SO-%06d", paidOrder);
        String csv = "订单号,回款金额,回款日期,回款方式,回款单号\n"
                + n + "-P,100,2026-03-10,银行转账,BANK-1\n"
                + n + "-p,\"150.00\",2026/3/11,alipay,BANK-2\n"
                + n + "-P,100,2026-03-12,CASH,BANK-3\n"
                + "NO-SUCH-ORDER,10,2026-03-12,CASH,BANK-4\n"
                + n + "-P,abc,2026-03-12,CASH,BANK-5\n"
                + n + "-P,10,someday,CASH,BANK-6\n"
                + n + "-P,10,2026-03-12,CASH,\n"
                + n + "-D,10,2026-03-12,CASH,BANK-7\n"
                + ours + ",20,2026-03-12,CASH,BANK-8\n";
        JsonNode uploaded = imports.upload(rep, "payments", "回款.csv", csv.getBytes(Charset.forName("GBK")));
        assertThat(uploaded.get("preview").get("suggested").toString())
                .isEqualTo("[\"orderNumber\",\"amount\",\"receivedOn\",\"method\",\"reference\"]");
        long id = uploaded.get("job").get("id").asLong();
        String[] columns = {"orderNumber", "amount", "receivedOn", "method", "reference"};
        JsonNode job = imports.start(rep, id, "CREATE_ONLY", "NONE", columns);
        assertThat(job.get("created").asLong()).isEqualTo(3);
        assertThat(job.get("rejected").asLong()).isEqualTo(6);
        assertThat(order("-P").get("paid")).isEqualTo(new BigDecimal("270.00"));
        assertThat(jdbc.sql("SELECT method FROM payments WHERE order_id = ? AND reference = 'BANK-1'")
                .param(paidOrder).query(String.class).single()).isEqualTo("BANK_TRANSFER");
        assertThat(imports.errors(rep, id)).contains("\n4,amount,is more than the order's open balance",
                "\n5,orderNumber,finds no order that you can see", "\n6,amount,must be a number",
                "\n7,receivedOn,must be a date", "\n8,reference,is needed",
                "\n9,orderNumber,payments are recorded against confirmed orders only");

        JsonNode again = imports.run(rep, "payments", csv.getBytes(Charset.forName("GBK")), "CREATE_ONLY", "NONE",
                columns);
        assertThat(again.get("created").asLong()).isZero();
        assertThat(order("-P").get("paid")).as("a file imported twice pays nothing twice")
                .isEqualTo(new BigDecimal("270.00"));

        Api.Response undo = new Api(port, rep.token()).post("/api/v1/imports/" + id + "/undo", "");
        assertThat(undo.status()).isEqualTo(409);
        assertThat(undo.header("Content-Type")).contains("problem+json");
        assertThat(undo.body()).contains("cannot be undone");
        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        String page = mvc.perform(get("/imports/" + id).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Payments received", "Imported payments cannot be undone")
                .doesNotContain("id=\"undo-import\"");
    }

    @Test
    void undoDeletesImportedOrdersThatHaveNoPaymentsYet() {
        JsonNode job = importOrders("orderNumber,customerExternalId,orderDate,status,sku,quantity\n"
                + n + "-U1," + extA + ",2026-03-01,CONFIRMED," + n + "-P1,1\n"
                + n + "-U2," + extB + ",2026-03-01,CONFIRMED," + n + "-P1,1\n", StandardCharsets.UTF_8);
        imports.run(rep, "payments", ("orderNumber,amount,reference\n" + n + "-U1,50,R-1\n")
                .getBytes(StandardCharsets.UTF_8), "CREATE_ONLY", "NONE", "orderNumber", "amount", "reference");

        JsonNode undone = imports.undo(rep, job.get("id").asLong());
        assertThat(undone.get("undone").asLong()).isEqualTo(1);
        assertThat(undone.get("skippedUndo").asLong()).isEqualTo(1);
        assertThat(orders()).isEqualTo(1);
        assertThat(order("-U1").get("paid")).isEqualTo(new BigDecimal("50.00"));
    }

    @Test
    void ordersCannotBeUpsertedAndMayNotBeImportedWithoutTheSellPermission() {
        long id = imports.upload(rep, "orders", "o.csv", "orderNumber,sku\nX,Y\n".getBytes()).get("job").get("id")
                .asLong();
        Api.Response upsert = new Api(port, rep.token()).post("/api/v1/imports/" + id + "/start",
                Api.json(Map.of("columns", java.util.List.of("orderNumber", "sku"), "mode", "UPSERT")));
        assertThat(upsert.status()).isEqualTo(400);
        assertThat(upsert.body()).contains("\"field\":\"matchKey\"");
        Account analyst = new TestAccounts(context).user(Role.ANALYST, null);
        assertThat(new Api(port, analyst.token()).upload("/api/v1/imports?entity=payments", "p.csv",
                "orderNumber,amount\nX,1\n".getBytes()).status()).isEqualTo(403);
    }
}
