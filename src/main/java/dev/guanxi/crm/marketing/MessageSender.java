package dev.guanxi.crm.marketing;

import java.util.Collection;
import java.util.Map;

/**
 * Sends a message template to customers in the background, in batches, each recipient at most once; opted-out
 * customers (per channel) and customers without an address are skipped and counted. For other modules (campaigns,
 * member days): no permission check here, the caller decides who may send.
 */
public interface MessageSender {

    /**
     * Starts a job sending the template to the customers.
     *
     * @param sourceRef who asked, e.g. "campaign:12" (shown on the job, may be null)
     * @return the job id
     * @throws dev.guanxi.crm.common.NotFoundException     when the template does not exist
     * @throws dev.guanxi.crm.common.InvalidInputException when no customer is given
     */
    long send(long templateId, Collection<Long> customerIds, String sourceRef);

    /**
     * Like {@link #send(long, Collection, String)}, with placeholder values per customer (e.g. {"coupon": "MD-8F2K"}
     * for {@code {{coupon}}}); keys must be placeholders the templates allow.
     */
    long send(long templateId, Map<Long, Map<String, String>> valuesByCustomer, String sourceRef);

    MessageProgress progress(long jobId);

    /** How far a job is: counts of recipients by outcome. */
    record MessageProgress(long jobId, String status, int total, int sent, int optedOut, int noAddress, int failed,
                           int pending) {

        public int percent() {
            return total == 0 ? 100 : (int) Math.floor(100.0 * (total - pending) / total);
        }

        public boolean done() {
            return "DONE".equals(status);
        }
    }
}
