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

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ProductImportTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    EntityImports imports;
    Account manager;
    String prefix;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        manager = accounts.user(Role.MANAGER, accounts.team("product-import"));
        imports = new EntityImports(port);
        prefix = "P" + System.nanoTime() % 1_000_000_000L + "-";
    }

    long products() {
        return jdbc.sql("SELECT count(*) FROM products WHERE sku LIKE ?").param(prefix + "%").query(Long.class)
                .single();
    }

    Map<String, Object> product(String sku) {
        return jdbc.sql("SELECT * FROM products WHERE lower(sku) = lower(?)").param(prefix + sku).query().singleRow();
    }

    @Test
    void importsAGbkFileWithChineseTitlesAndReportsBadAmountsPerRow() {
        String csv = "产品编码,产品名称,类别,单位,单价（元）,是否在售\n"
                + prefix + "A,西湖龙井,茶叶,盒,\"￥1,288.50\",是\n"
                + prefix + "B,安吉白茶,茶叶,,128,否\n"
                + prefix + "C,普洱,茶叶,饼,一百元,是\n"
                + "坏 编码,铁观音,茶叶,盒,10,是\n"
                + prefix + "D,红茶,茶叶,盒,-5,是\n"
                + prefix + "E,花茶,茶叶,盒,5,也许\n"
                + prefix + "F,,茶叶,盒,5,是\n";
        JsonNode uploaded = imports.upload(manager, "products", "产品.csv", csv.getBytes(Charset.forName("GBK")));
        assertThat(uploaded.get("job").get("encoding").asString()).isEqualTo("GB18030");
        assertThat(uploaded.get("preview").get("suggested").toString())
                .isEqualTo("[\"sku\",\"name\",\"category\",\"unit\",\"listPrice\",\"active\"]");
        long id = uploaded.get("job").get("id").asLong();

        JsonNode job = imports.start(manager, id, "UPSERT", "SKU", "sku", "name", "category", "unit", "listPrice",
                "active");
        assertThat(job.get("created").asLong()).isEqualTo(2);
        assertThat(job.get("rejected").asLong()).isEqualTo(5);
        assertThat(product("A").get("list_price")).isEqualTo(new BigDecimal("1288.50"));
        assertThat(product("A").get("unit")).isEqualTo("盒");
        assertThat(product("B").get("active")).isEqualTo(false);
        assertThat(product("B").get("unit")).isEqualTo("pcs");
        assertThat(imports.errors(manager, id)).contains("\n4,listPrice,must be a number", "\n5,sku,",
                "\n6,listPrice,must not be negative", "\n7,active,must be yes or no", "\n8,name,must not be empty");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'product' AND entity_id = ?")
                .param("import:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void upsertBySkuCreatesNoDuplicatesAndUndoRestoresPricesAndDeletesCreatedProducts() {
        byte[] csv = ("SKU,Product name,Price\n" + prefix + "a,Green tea,10\n" + prefix + "B,Black tea,20\n")
                .getBytes(StandardCharsets.UTF_8);
        String[] columns = {"sku", "name", "listPrice"};
        JsonNode first = imports.run(manager, "products", csv, "UPSERT", "SKU", columns);
        assertThat(first.get("created").asLong()).isEqualTo(2);

        JsonNode again = imports.run(manager, "products", csv, "UPSERT", "SKU", columns);
        assertThat(again.get("unchanged").asLong()).isEqualTo(2);
        JsonNode createOnly = imports.run(manager, "products", csv, "CREATE_ONLY", "NONE", columns);
        assertThat(createOnly.get("rejected").asLong()).isEqualTo(2);
        assertThat(products()).isEqualTo(2);

        // SKUs match whatever their case; an empty cell keeps the stored value
        JsonNode repriced = imports.run(manager, "products", ("sku,name,listPrice\n" + prefix + "A,,12.5\n")
                .getBytes(StandardCharsets.UTF_8), "UPSERT", "SKU", columns);
        assertThat(repriced.get("updated").asLong()).isEqualTo(1);
        assertThat(product("a").get("list_price")).isEqualTo(new BigDecimal("12.50"));
        assertThat(product("a").get("name")).isEqualTo("Green tea");

        imports.undo(manager, repriced.get("id").asLong());
        assertThat(product("a").get("list_price")).isEqualTo(new BigDecimal("10.00"));
        JsonNode undone = imports.undo(manager, first.get("id").asLong());
        assertThat(undone.get("status").asString()).isEqualTo("UNDONE");
        // green tea was changed by the later import's undo since: a later edit wins
        assertThat(undone.get("undone").asLong()).isEqualTo(1);
        assertThat(products()).isEqualTo(1);
    }

    @Test
    void onlyRolesThatManageProductsImportThem() {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        Api.Response refused = new Api(port, rep.token()).upload("/api/v1/imports?entity=products", "p.csv",
                "sku,name,price\nX1,x,1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(403);
    }
}
