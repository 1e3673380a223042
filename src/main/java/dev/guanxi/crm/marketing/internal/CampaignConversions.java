package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.sales.OpportunityWon;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A won opportunity whose source is a campaign converts its customer in that campaign (idempotent). */
@Component
class CampaignConversions {

    private final CampaignService campaigns;

    CampaignConversions(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @ApplicationModuleListener
    void on(OpportunityWon won) {
        if (won.sourceCampaignId() != null) {
            campaigns.convert(won.sourceCampaignId(), won.customerId(), "opportunity-won:" + won.opportunityId());
        }
    }
}
