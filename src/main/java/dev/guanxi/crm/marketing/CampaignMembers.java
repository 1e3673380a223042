package dev.guanxi.crm.marketing;

import java.util.Collection;

/** Campaign membership for other modules (messaging marks members SENT after sending, RESPONDED on a reply). */
public interface CampaignMembers {

    /**
     * Moves the given members of a campaign forward to {@code status}; members already at or beyond it and customers
     * who are not members are left alone (idempotent).
     *
     * @return how many members changed
     */
    int advance(long campaignId, Collection<Long> customerIds, CampaignMemberStatus status);
}
