package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CustomerExportSource;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.customer.ExportedCustomer;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Streams list views for exports with the same filters, visibility and masking as the list. */
@Service
class CustomerExports implements CustomerExportSource {

    private final Customers customers;
    private final UserDirectory users;

    CustomerExports(Customers customers, UserDirectory users) {
        this.customers = customers;
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public long stream(CustomerQuery query, String sort, Sink sink) throws IOException {
        CurrentUser user = CurrentUser.get();
        CustomerSort order = CustomerSort.parse(sort);
        boolean mask = !user.can(Permission.VIEW_PERSONAL_DATA);
        // owners and teams are few: look each one up once, not once per row
        Map<Long, String> owners = new HashMap<>();
        Map<Long, String> teams = new HashMap<>();
        long[] count = {0};
        try {
            customers.stream(query == null ? CustomerQuery.empty() : query, user, order, r -> {
                CustomerData d = mask ? CustomerService.masked(r.data()) : r.data();
                String owner = owners.computeIfAbsent(r.ownerId(),
                        id -> users.displayNames(List.of(id)).getOrDefault(id, String.valueOf(id)));
                String team = r.teamId() == null ? null : teams.computeIfAbsent(r.teamId(),
                        id -> users.teamNames(List.of(id)).getOrDefault(id, String.valueOf(id)));
                try {
                    sink.accept(new ExportedCustomer(r.id(), d.kind(), d.name(), d.customerType(), d.valueTier(),
                            d.loyaltyStatus(), d.settlement(), d.creditTerms(), d.creditLimit(), d.lifecycleStage(),
                            d.relationshipLevel(), d.industry(), d.occupation(), d.birthDate(), d.gender(),
                            d.province(), d.city(), d.district(), d.address(), d.source(), d.tags(), d.phone(),
                            d.email(), d.idNumber(), d.notes(), owner, team, r.createdAt(), mask));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count[0];
    }

    @Override
    public boolean seesPersonalData() {
        return CurrentUser.get().can(Permission.VIEW_PERSONAL_DATA);
    }
}
