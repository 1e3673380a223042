package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CustomerRegistration;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Component
class JdbcCustomerRegistration implements CustomerRegistration {

    private final CustomerService service;
    private final Customers customers;

    JdbcCustomerRegistration(CustomerService service, Customers customers) {
        this.service = service;
        this.customers = customers;
    }

    @Override
    @Transactional
    public long register(NewCustomer c) {
        return service.create(new CustomerData(c.kind(), c.name(), c.type(), null, null, Settlement.CASH, null, null,
                null, null, null, null, null, null, null, null, null, null, c.source(), List.of(), c.phone(), c.email(),
                null, null, Map.of(), null));
    }

    @Override
    @Transactional
    public long addContact(long customerId, NewContact c) {
        return service.addContact(customerId, new ContactData(c.name(), c.title(), null, c.phone(), c.email(),
                c.primary(), null));
    }

    @Override
    @Transactional(readOnly = true)
    public List<CustomerSummary> findMatches(String phone, String email, String organizationName) {
        String digits = Matching.phone(phone);
        List<String> phoneForms = digits == null ? List.of() : List.of(digits, "86" + digits, "0086" + digits);
        String org = Matching.organization(organizationName);
        // the name pattern narrows by index; equality of the normalized names decides
        List<CustomerRecord> found = customers.candidates(phoneForms, Matching.email(email),
                org == null ? null : longestRun(organizationName), CurrentUser.get(), 200);
        List<CustomerSummary> matches = new ArrayList<>();
        for (CustomerRecord r : found) {
            boolean samePhone = digits != null && digits.equals(Matching.phone(r.data().phone()));
            boolean sameEmail = email != null && Matching.email(email).equals(Matching.email(r.data().email()));
            boolean sameOrg = org != null && org.equals(Matching.organization(r.data().name()));
            if ((samePhone || sameEmail || sameOrg) && matches.size() < 10) {
                matches.add(new CustomerSummary(r.id(), r.data().name(), r.data().kind(), r.ownerId(), r.teamId(),
                        r.data().valueTier(), r.data().settlement(), r.data().creditTerms(), r.data().creditLimit(), false));
            }
        }
        return matches;
    }

    /** The longest part of the name between legal words and punctuation, used as the search pattern. */
    private static String longestRun(String name) {
        String best = "";
        for (String part : name.split("(股份有限公司|有限责任公司|有限公司|[\\s,.，。()（）])+")) {
            if (part.length() > best.length()) {
                best = part;
            }
        }
        return best.isEmpty() ? name.strip() : best;
    }
}
