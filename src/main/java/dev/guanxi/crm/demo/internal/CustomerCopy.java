package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.customer.PinyinNameKey;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Bulk loads generated customers and their contacts with PostgreSQL COPY: per batch one COPY of customers,
 * streamed while the rows are generated, then one COPY of that batch's contacts. Customers get the explicit ids
 * the caller reserved, so contacts can refer to them without reading anything back.
 */
final class CustomerCopy {

    static final int BATCH_SIZE = 50_000;
    private static final int PROGRESS_EVERY = 100_000;
    private static final Logger log = LoggerFactory.getLogger(CustomerCopy.class);
    private static final String COPY_CUSTOMERS = """
            COPY customers (id, kind, name, customer_type, value_tier, loyalty_status, settlement, credit_terms,
              credit_limit, lifecycle_stage, relationship_level, industry, occupation, birth_date, gender, province,
              city, district, address, source, tags, phone, email, id_number, owner_id, team_id, created_at,
              updated_at, name_key) FROM STDIN""";
    private static final String COPY_CONTACTS = """
            COPY contacts (customer_id, name, title, role, phone, email, is_primary, created_at, updated_at)
            FROM STDIN""";

    private final CopyManager copyManager;

    CustomerCopy(Connection connection) throws SQLException {
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Loads {@code count} customers with ids {@code firstId}, {@code firstId + 1}, …; returns the contacts loaded. */
    long load(DemoCustomers customers, long firstId, long count) throws SQLException {
        return load(customers, firstId, count, null);
    }

    /**
     * As {@link #load(DemoCustomers, long, long)}, but with at most {@code contactTarget} contacts (all generated
     * ones when {@code null}), spread evenly over the customers.
     */
    long load(DemoCustomers customers, long firstId, long count, Long contactTarget) throws SQLException {
        ContactQuota quota = new ContactQuota(contactTarget, count);
        long started = System.nanoTime();
        long contacts = 0;
        long done = 0;
        while (done < count) {
            long batch = Math.min(BATCH_SIZE, count - done);
            CopyText contactRows = new CopyText();
            copyCustomers(customers, firstId + done, batch, contactRows, quota);
            contacts += copyAll(COPY_CONTACTS, contactRows);
            done += batch;
            if (done % PROGRESS_EVERY == 0 || done == count) {
                log.info("Demo data: {} of {} customers loaded ({} customers/s)", done, count,
                        Math.round(done / Math.max((System.nanoTime() - started) / 1e9, 1e-3)));
            }
        }
        return contacts;
    }

    /** Streams one batch of customers into a COPY as they are generated; keeps their contacts for the next COPY. */
    private void copyCustomers(DemoCustomers customers, long firstId, long batch, CopyText contactRows,
                               ContactQuota quota) throws SQLException {
        CopyIn copy = copyManager.copyIn(COPY_CUSTOMERS);
        try {
            CopyText rows = new CopyText();
            for (long i = 0; i < batch; i++) {
                DemoCustomer customer = customers.next(firstId + i);
                customerRow(rows, customer);
                customer.contacts().stream().limit(quota.take(customer.contacts().size()))
                        .forEach(contact -> contactRow(contactRows, customer, contact));
                if (rows.full()) {
                    rows.sendTo(copy);
                }
            }
            rows.sendTo(copy);
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancel(copy, e);
            throw e;
        }
    }

    private long copyAll(String sql, CopyText rows) throws SQLException {
        CopyIn copy = copyManager.copyIn(sql);
        try {
            rows.sendTo(copy);
            return copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancel(copy, e);
            throw e;
        }
    }

    /** After a failure mid-way the COPY is cancelled, so that the connection can roll back and be reused. */
    private static void cancel(CopyIn copy, Exception failure) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void customerRow(CopyText out, DemoCustomer c) {
        Region region = c.region();
        out.value(c.id()).value(c.kind()).value(c.name()).value(c.type()).value(c.valueTier())
                .value(c.loyaltyStatus()).value(c.settlement()).value(c.creditTerms()).value(c.creditLimit())
                .value(c.lifecycleStage()).value(c.relationshipLevel()).value(c.industry()).value(c.occupation())
                .value(c.birthDate()).value(c.gender()).value(region.province()).value(region.city())
                .value(region.district()).value(c.address()).value(c.source()).array(c.tags()).value(c.phone())
                .value(c.email()).value(c.idNumber()).value(c.ownerId()).value(c.teamId()).value(c.createdAt())
                .value(c.updatedAt()).value(PinyinNameKey.of(c.name())).endRow();
    }

    private static void contactRow(CopyText out, DemoCustomer customer, DemoCustomer.Contact contact) {
        out.value(customer.id()).value(contact.name()).value(contact.title()).value(contact.role())
                .value(contact.phone()).value(contact.email()).value(contact.primary()).value(customer.createdAt())
                .value(customer.createdAt()).endRow();
    }

    /**
     * Keeps the contacts written at or below a target: after the i-th of n customers at most target * i / n, so
     * that they spread over all customers (primary contacts first, as they come first). The random generation
     * itself is not changed, so the customers stay the same whatever the target.
     */
    private static final class ContactQuota {

        private final Long target;
        private final long total;
        private long customers;
        private long written;

        ContactQuota(Long target, long total) {
            this.target = target;
            this.total = Math.max(1, total);
        }

        /** How many of the next customer's {@code available} contacts to write. */
        long take(int available) {
            customers++;
            if (target == null) {
                return available;
            }
            long due = target <= Long.MAX_VALUE / customers ? target * customers / total
                    : (long) ((double) target * customers / total);
            long n = Math.min(available, Math.max(0, due - written));
            written += n;
            return n;
        }
    }
}
