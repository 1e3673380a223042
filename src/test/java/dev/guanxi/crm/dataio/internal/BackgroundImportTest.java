package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.customer.CustomerImportTarget;
import dev.guanxi.crm.common.ImportTarget.Mode;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The real background path: a bounded pool, the importing user's identity carried into the worker thread. */
@IntegrationTest
class BackgroundImportTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ImportJobs jobs;
    @Autowired
    CustomerImportTarget target;
    @Autowired
    ColumnMapping mapping;
    @Autowired
    MessageSource messages;
    @Autowired
    JsonMapper json;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ImportLocks locks;
    @Autowired
    MappingTemplates templates;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void runsOnTheWorkerPoolAsTheUserWhoStartedIt() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, new TestAccounts(context).team("background"));
        CurrentUser user = new CurrentUser(rep.id(), rep.username(), "Rep", Role.SALES_REP, rep.teamId(),
                Set.of(rep.teamId()));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                (CurrentUser.Holder) () -> user, null, List.of()));
        Importer importer = new Importer(jobs, List.of(target), mapping, templates, messages, json, transactions, locks,
                "target/test-imports", true, 1);
        String tag = "bg" + System.nanoTime();
        StringBuilder csv = new StringBuilder("name,tags\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("后台").append(i).append(',').append(tag).append('\n');
        }
        long id = importer.upload(ImportEntity.CUSTOMER, "bg.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                Locale.SIMPLIFIED_CHINESE);

        importer.start(id, List.of("name", "tags"), Mode.CREATE_ONLY, "NONE");
        assertThat(importer.drain(Duration.ofMinutes(2))).isTrue();

        ImportJob job = jobs.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(ImportJob.Status.DONE);
        assertThat(job.created()).isEqualTo(1500);
        assertThat(job.totalRows()).isEqualTo(1500);
        assertThat(jdbc.sql("SELECT DISTINCT owner_id FROM customers WHERE ? = ANY(tags)").param(tag)
                .query(Long.class).list()).containsExactly(rep.id());
        assertThat(jdbc.sql("SELECT DISTINCT actor_id FROM audit_log WHERE entity_id = ?").param("import:" + id)
                .query(Long.class).list()).containsExactly(rep.id());
    }
}
