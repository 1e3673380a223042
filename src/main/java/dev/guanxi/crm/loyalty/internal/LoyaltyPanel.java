package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.customer.CustomerPanel;
import dev.guanxi.crm.loyalty.LoyaltyDirectory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/** The loyalty card of the customer 360 page: tier and points balance, linking to the customer's points page. */
@Component
class LoyaltyPanel implements CustomerPanel {

    private final LoyaltyDirectory loyalty;

    LoyaltyPanel(LoyaltyDirectory loyalty) {
        this.loyalty = loyalty;
    }

    @Override
    public String titleKey() {
        return "loyalty.panel.title";
    }

    @Override
    public List<Row> rows(long customerId) {
        String tier = loyalty.currentTier(customerId).map(t -> t.name(LocaleContextHolder.getLocale())).orElse("—");
        return List.of(new Row("loyalty.panel.tier", tier),
                new Row("loyalty.panel.balance", String.format("%,d", loyalty.pointsBalance(customerId))));
    }

    @Override
    public String link(long customerId) {
        return "/loyalty/customers/" + customerId;
    }
}
