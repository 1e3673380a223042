package dev.guanxi.crm.customer;

import java.util.List;

/**
 * Creating customers and contacts from other modules (lead conversion, imports), with the same rules, audit and
 * timeline as the customer pages; and finding existing customers that match, to avoid duplicates.
 */
public interface CustomerRegistration {

    /** Creates a customer owned by the signed-in user and returns its id. */
    long register(NewCustomer customer);

    /** Adds a contact to a visible customer and returns its id. */
    long addContact(long customerId, NewContact contact);

    /**
     * Visible customers with the same normalized phone (digits, without +86) or e-mail, or with the same
     * organization name once legal suffixes (有限公司, Co., Ltd. …) are removed; at most 10.
     */
    List<CustomerSummary> findMatches(String phone, String email, String organizationName);

    record NewCustomer(CustomerKind kind, String name, CustomerType type, String phone, String email,
                       String source) {
    }

    record NewContact(String name, String title, String phone, String email, boolean primary) {
    }
}
