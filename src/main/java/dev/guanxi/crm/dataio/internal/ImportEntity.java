package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.common.ImportTarget;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.ContactImportTarget;
import dev.guanxi.crm.customer.CustomerImportTarget;
import dev.guanxi.crm.sales.LeadImportTarget;
import dev.guanxi.crm.sales.OrderImportTarget;
import dev.guanxi.crm.sales.PaymentImportTarget;
import dev.guanxi.crm.sales.ProductImportTarget;

import java.util.Locale;

/** The kinds of records a file can be imported into, each written by the target its module offers. */
public enum ImportEntity {
    CUSTOMER(CustomerImportTarget.class),
    CONTACT(ContactImportTarget.class),
    PRODUCT(ProductImportTarget.class),
    LEAD(LeadImportTarget.class),
    ORDER(OrderImportTarget.class),
    PAYMENT(PaymentImportTarget.class);

    private final Class<? extends ImportTarget> target;

    ImportEntity(Class<? extends ImportTarget> target) {
        this.target = target;
    }

    Class<? extends ImportTarget> target() {
        return target;
    }

    /** The entity as a client or form names it: {@code contacts}, {@code contact} or {@code CONTACT}. */
    public static ImportEntity parse(String value, String field) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (ImportEntity e : values()) {
            if (e.name().equals(name) || (e.name() + "S").equals(name)) {
                return e;
            }
        }
        throw new InvalidInputException(field, "validation.import-choice");
    }
}
