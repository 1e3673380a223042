package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.loyalty.LoyaltyDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

@Component
class JdbcLoyaltyDirectory implements LoyaltyDirectory {

    private final JdbcClient jdbc;
    private final PointsLedger ledger;

    JdbcLoyaltyDirectory(JdbcClient jdbc, PointsLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Override
    @Transactional(readOnly = true)
    public long pointsBalance(long customerId) {
        return ledger.balance(customerId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Tier> currentTier(long customerId) {
        return jdbc.sql("""
                        SELECT t.id, t.name_en, t.name_zh, t.rank FROM loyalty_members m
                        JOIN loyalty_tiers t ON t.id = m.tier_id WHERE m.customer_id = ?""")
                .param(customerId).query(Tier.class).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Tier> tiers() {
        return jdbc.sql("SELECT id, name_en, name_zh, rank FROM loyalty_tiers WHERE active ORDER BY rank")
                .query(Tier.class).list();
    }
}
