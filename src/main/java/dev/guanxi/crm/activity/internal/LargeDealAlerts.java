package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.identity.TeamSummary;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import dev.guanxi.crm.sales.OpportunityCreated;
import dev.guanxi.crm.sales.OrderConfirmed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Large-deal alert (大额业务提醒): an opportunity opened or an order confirmed at or above the configured amount
 * notifies the managers of the owner's team. Notifications are unique per manager and deal, so a redelivered
 * event notifies no one twice.
 */
@Component
class LargeDealAlerts {

    private final Notifications notifications;
    private final UserDirectory users;
    private final BigDecimal threshold;
    private final String currency;

    LargeDealAlerts(Notifications notifications, UserDirectory users,
                    @Value("${guanxi.sales.large-deal-amount:500000}") BigDecimal threshold,
                    @Value("${guanxi.sales.large-deal-currency:CNY}") String currency) {
        this.notifications = notifications;
        this.users = users;
        this.threshold = threshold;
        this.currency = currency;
    }

    @ApplicationModuleListener
    void on(OpportunityCreated e) {
        alert(e.ownerId(), e.teamId(), e.amount(), e.currency(), "LARGE_OPPORTUNITY", "opportunity:" + e.opportunityId(),
                "/sales/opportunities/" + e.opportunityId());
    }

    @ApplicationModuleListener
    void on(OrderConfirmed e) {
        alert(e.ownerId(), e.teamId(), e.total(), e.currency(), "LARGE_ORDER", "order:" + e.orderId(),
                "/sales/orders/" + e.orderId());
    }

    private void alert(long ownerId, Long recordTeamId, BigDecimal amount, String dealCurrency, String kind,
                       String ref, String link) {
        if (amount == null || !currency.equals(dealCurrency) || amount.compareTo(threshold) < 0) {
            return;
        }
        Long teamId = users.find(ownerId).map(UserSummary::teamId).orElse(recordTeamId);
        if (teamId == null) {
            return;
        }
        String owner = users.displayNames(java.util.List.of(ownerId)).getOrDefault(ownerId, "#" + ownerId);
        for (TeamSummary team : users.teams()) {
            if (team.id() == teamId && team.managerId() != null) {
                notifications.add(team.managerId(), kind, ref, amount.toPlainString() + " " + dealCurrency,
                        owner, link, "Large deal 大额业务提醒");
            }
        }
    }
}
