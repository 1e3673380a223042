package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.customer.CustomerPanel;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The loyalty card of the customer 360 page: tier and points balance (one statement), linking to the customer's
 * points page.
 */
@Component
class LoyaltyPanel implements CustomerPanel {

    private final JdbcClient jdbc;

    LoyaltyPanel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Optional<Panel> panel(long customerId) {
        boolean zh = "zh".equals(LocaleContextHolder.getLocale().getLanguage());
        List<Row> rows = jdbc.sql("""
                        SELECT (SELECT CASE WHEN ? THEN t.name_zh ELSE t.name_en END FROM loyalty_members m
                                JOIN loyalty_tiers t ON t.id = m.tier_id WHERE m.customer_id = ?),
                               (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE customer_id = ?)""")
                .params(zh, customerId, customerId)
                .query((rs, n) -> List.of(new Row("loyalty.panel.tier", rs.getString(1) == null ? "—" : rs.getString(1)),
                        new Row("loyalty.panel.balance", String.format("%,d", rs.getLong(2)))))
                .single();
        return Optional.of(new Panel("loyalty-panel", "loyalty.panel.title", rows, null, List.of(),
                "/loyalty/customers/" + customerId, "loyalty.panel.more"));
    }
}
