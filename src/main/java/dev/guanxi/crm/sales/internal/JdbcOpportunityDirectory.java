package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.OpportunityDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

@Component
class JdbcOpportunityDirectory implements OpportunityDirectory {

    private final JdbcClient jdbc;

    JdbcOpportunityDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Long> customerOf(long opportunityId) {
        return jdbc.sql("SELECT customer_id FROM opportunities WHERE id = ?").param(opportunityId)
                .query(Long.class).optional();
    }
}
