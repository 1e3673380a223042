package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A kept pipeline report is served until any statement changes opportunities, their stage changes or the stages. */
@IntegrationTest
class PipelineCacheTest {

    @Autowired
    PipelineCache cache;
    @Autowired
    JdbcClient jdbc;

    final CurrentUser rep = new CurrentUser(4242, "cache-rep", "Cache Rep", Role.SALES_REP, 77L, Set.of(77L));
    final CurrentUser other = new CurrentUser(4243, "cache-other", "Other Rep", Role.SALES_REP, 78L, Set.of(78L));

    @Test
    void aReportIsComputedAgainOnlyAfterThePipelineChanges() {
        PipelineQuery q = new PipelineQuery(null, null, 987_654L, null, null);
        AtomicInteger computed = new AtomicInteger();

        assertThat(cache.<Integer>get("test", q, rep, computed::incrementAndGet)).isEqualTo(1);
        assertThat(cache.<Integer>get("test", q, rep, computed::incrementAndGet)).as("unchanged pipeline").isEqualTo(1);
        assertThat(cache.<Integer>get("test", q, other, computed::incrementAndGet)).as("another viewer").isEqualTo(2);
        assertThat(cache.<Integer>get("test", PipelineQuery.empty(), rep, computed::incrementAndGet))
                .as("another filter").isEqualTo(3);

        // a statement changing no row still counts; as another app instance would, straight through SQL
        jdbc.sql("UPDATE opportunities SET amount = amount WHERE id = -1").update();
        assertThat(cache.<Integer>get("test", q, rep, computed::incrementAndGet)).as("after an update").isEqualTo(4);
        assertThat(cache.<Integer>get("test", q, rep, computed::incrementAndGet)).isEqualTo(4);

        jdbc.sql("DELETE FROM opportunity_stage_changes WHERE id = -1").update();
        assertThat(cache.<Integer>get("test", q, rep, computed::incrementAndGet)).as("after a stage change").isEqualTo(5);
        jdbc.sql("UPDATE opportunity_stages SET position = position WHERE code = 'nothing'").update();
        assertThat(cache.<Integer>get("test", q, rep, computed::incrementAndGet)).as("after a stage edit").isEqualTo(6);
    }

    @Test
    void aFailedComputationIsNotKept() {
        PipelineQuery q = new PipelineQuery(null, null, 987_655L, null, null);
        AtomicInteger attempts = new AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.get("failing", q, rep, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(cache.<String>get("failing", q, rep, () -> "ok " + attempts.incrementAndGet())).isEqualTo("ok 2");
    }
}
