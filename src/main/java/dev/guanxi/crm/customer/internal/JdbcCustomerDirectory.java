package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerReference;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
        return customers.find(customerId, CurrentUser.get()).map(JdbcCustomerDirectory::summary);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, CustomerSummary> findVisible(Collection<Long> customerIds) {
        Map<Long, CustomerSummary> found = new HashMap<>();
        customers.findAll(Set.copyOf(customerIds), CurrentUser.get()).forEach((id, r) -> found.put(id, summary(r)));
        return found;
    }

    private static CustomerSummary summary(CustomerRecord r) {
        return new CustomerSummary(r.id(), r.data().name(), r.data().kind(), r.ownerId(), r.teamId(),
                r.data().valueTier(), r.data().settlement(), r.data().creditTerms(), r.data().creditLimit(), r.deleted());
    }

    @Override
    @Transactional(readOnly = true)
    public Map<CustomerReference, Long> resolve(Collection<CustomerReference> references) {
        CurrentUser user = CurrentUser.get();
        Map<CustomerReference, Long> found = new HashMap<>();
        Map<String, List<CustomerReference>> byField = references.stream().distinct()
                .collect(Collectors.groupingBy(CustomerReference::field));
        byField.forEach((field, refs) -> {
            switch (field) {
                case "customerExternalId" -> {
                    Map<String, CustomerRecord> byKey = customers.findByKey("external_id",
                            refs.stream().map(CustomerReference::value).toList(), user);
                    refs.forEach(r -> putIfFound(found, r, byKey.get(r.value())));
                }
                case "customerPhone" -> {
                    Map<String, CustomerRecord> byKey = customers.findByKey("phone",
                            refs.stream().map(r -> digits(r.value())).filter(d -> !d.isEmpty()).toList(), user);
                    refs.forEach(r -> putIfFound(found, r, byKey.get(digits(r.value()))));
                }
                case "customerId" -> {
                    Map<CustomerReference, Long> ids = new HashMap<>();
                    refs.stream().filter(r -> r.value().matches("\\d{1,18}"))
                            .forEach(r -> ids.put(r, Long.parseLong(r.value())));
                    Map<Long, Long> survivors = customers.survivors(ids.values());
                    Map<Long, CustomerRecord> records = customers.findAll(
                            ids.values().stream().map(id -> survivors.getOrDefault(id, id)).toList(), user);
                    ids.forEach((r, id) -> putIfFound(found, r, records.get(survivors.getOrDefault(id, id))));
                }
                default -> throw new IllegalArgumentException("Not a customer reference: " + field);
            }
        });
        return found;
    }

    private static void putIfFound(Map<CustomerReference, Long> found, CustomerReference reference,
                                   CustomerRecord record) {
        if (record != null && !record.deleted()) {
            found.put(reference, record.id());
        }
    }

    private static String digits(String phone) {
        return phone.replaceAll("\\D", "");
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
