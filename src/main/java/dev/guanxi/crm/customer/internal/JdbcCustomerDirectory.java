package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

@Component
class JdbcCustomerDirectory implements CustomerDirectory {

    private final Customers customers;
    private final JdbcClient jdbc;

    JdbcCustomerDirectory(Customers customers, JdbcClient jdbc) {
        this.customers = customers;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasContact(long customerId, long contactId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ? AND customer_id = ? AND deleted_at IS NULL)")
                .params(contactId, customerId).query(Boolean.class).single();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerSummary> findVisible(long customerId) {
        return customers.find(customerId, CurrentUser.get()).map(r -> new CustomerSummary(r.id(), r.data().name(),
                r.data().kind(), r.ownerId(), r.teamId(), r.data().valueTier(), r.data().settlement(), r.data().creditTerms(),
                r.data().creditLimit(), r.deleted()));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, String> names(Collection<Long> customerIds) {
        return customers.names(customerIds);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, String> emails(Collection<Long> customerIds) {
        return customers.emails(customerIds);
    }
}
