package dev.guanxi.crm.dataio;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LeadImportTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    EntityImports imports;
    Account rep;
    String tag;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("lead-import"));
        imports = new EntityImports(port);
        tag = "li" + System.nanoTime();
    }

    String phone(int i) {
        return "137" + String.format("%06d", System.nanoTime() % 1_000_000L) + String.format("%02d", i);
    }

    Map<String, Object> lead(String phone) {
        return jdbc.sql("SELECT * FROM leads WHERE phone = ?").param(phone).query().singleRow();
    }

    long leads(String phone) {
        return jdbc.sql("SELECT count(*) FROM leads WHERE regexp_replace(phone, '\\D', '', 'g') = ?").param(phone)
                .query(Long.class).single();
    }

    @Test
    void importsLeadsOwnedByTheImporterAndReportsBadRowsPerRow() {
        String p1 = phone(1);
        String p2 = phone(2);
        String csv = "\uFEFF姓名,公司,职务,手机,邮箱,线索来源,备注\n"
                + "王芳,杭州茶业有限公司,采购,"  + p1 + ",wf@example.com,展会," + tag + "\n"
                + "Tom Lee,Acme Ltd,Buyer," + p2 + ",,website," + tag + "\n"
                + ",无名公司,,13700000000,,," + tag + "\n"
                + "刘强,,,call me,,," + tag + "\n"
                + "陈静,,,,not-mail,," + tag + "\n";
        JsonNode uploaded = imports.upload(rep, "leads", "线索.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.get("preview").get("suggested").toString()).isEqualTo(
                "[\"name\",\"company\",\"title\",\"phone\",\"email\",\"source\",\"notes\"]");
        long id = uploaded.get("job").get("id").asLong();
        JsonNode job = imports.start(rep, id, "CREATE_ONLY", "NONE", "name", "company", "title", "phone", "email",
                "source", "notes");
        assertThat(job.get("created").asLong()).isEqualTo(2);
        assertThat(job.get("rejected").asLong()).isEqualTo(3);
        Map<String, Object> wang = lead(p1);
        assertThat(wang.get("name")).isEqualTo("王芳");
        assertThat(wang.get("company")).isEqualTo("杭州茶业有限公司");
        assertThat(wang.get("status")).isEqualTo("NEW");
        assertThat(wang.get("owner_id")).isEqualTo(rep.id());
        assertThat(wang.get("team_id")).isEqualTo(rep.teamId());
        assertThat(imports.errors(rep, id)).contains("\n4,name,must not be empty", "\n5,phone,", "\n6,email,");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'lead' AND entity_id = ?")
                .param("import:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void upsertByPhoneCreatesNoDuplicatesLeavesConvertedLeadsAloneAndUndoes() {
        String a = phone(3);
        String b = phone(4);
        String c = phone(5);
        byte[] csv = ("name,company,mobile\n甲,A 公司," + a + "\n乙,B 公司," + b + "\n丙,C 公司," + c + "\n")
                .getBytes(StandardCharsets.UTF_8);
        String[] columns = {"name", "company", "phone"};
        JsonNode first = imports.run(rep, "leads", csv, "UPSERT", "PHONE", columns);
        assertThat(first.get("created").asLong()).isEqualTo(3);
        JsonNode again = imports.run(rep, "leads", csv, "UPSERT", "PHONE", columns);
        assertThat(again.get("unchanged").asLong()).isEqualTo(3);
        assertThat(leads(a)).isEqualTo(1);

        jdbc.sql("UPDATE leads SET status = 'CONVERTED', version = version + 1 WHERE phone = ?").param(b).update();
        JsonNode renamed = imports.run(rep, "leads", ("mobile,company\n" + a + ",A 集团\n" + b + ",B 集团\n")
                .getBytes(StandardCharsets.UTF_8), "UPSERT", "PHONE", "phone", "company");
        assertThat(renamed.get("updated").asLong()).isEqualTo(1);
        assertThat(renamed.get("rejected").asLong()).isEqualTo(1);
        assertThat(imports.errors(rep, renamed.get("id").asLong())).contains("\n3,phone,the lead with this value is "
                + "converted or disqualified");
        assertThat(lead(a).get("company")).isEqualTo("A 集团");
        assertThat(lead(b).get("company")).isEqualTo("B 公司");

        imports.undo(rep, renamed.get("id").asLong());
        assertThat(lead(a).get("company")).isEqualTo("A 公司");
        JsonNode undone = imports.undo(rep, first.get("id").asLong());
        // 丙 is deleted; 甲 was changed since (the rename and its undo) and 乙 was converted: both stay
        assertThat(undone.get("undone").asLong()).isEqualTo(1);
        assertThat(undone.get("skippedUndo").asLong()).isEqualTo(2);
        assertThat(leads(c)).isZero();
        assertThat(leads(a)).isEqualTo(1);
        assertThat(leads(b)).isEqualTo(1);

        // another team's rep does not see these leads: the same phone creates their own lead, nothing is revealed
        Account other = new TestAccounts(context).user(Role.SALES_REP, new TestAccounts(context).team("lead-other"));
        JsonNode theirs = imports.run(other, "leads", ("name,mobile\n甲," + a + "\n").getBytes(StandardCharsets.UTF_8),
                "UPSERT", "PHONE", "name", "phone");
        assertThat(theirs.get("created").asLong()).isEqualTo(1);
        assertThat(leads(a)).isEqualTo(2);

        // a phone twice in one file: the first row creates the lead, the second updates that same lead
        String d = phone(6);
        JsonNode twice = imports.run(rep, "leads", ("name,company,mobile\n丁,D 公司," + d + "\n丁,D 集团," + d + "\n")
                .getBytes(StandardCharsets.UTF_8), "UPSERT", "PHONE", columns);
        assertThat(twice.get("created").asLong()).isEqualTo(1);
        assertThat(twice.get("updated").asLong()).isEqualTo(1);
        assertThat(leads(d)).isEqualTo(1);
        assertThat(lead(d).get("company")).isEqualTo("D 集团");
    }
}
