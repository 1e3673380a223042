package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportCells;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.sales.ProductImportTarget;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imported products, validated like the product form and keyed by SKU. Rows are written one by one in the batch's
 * transaction, so a SKU repeated in a file updates what its first row created.
 */
@Service
class ProductImports implements ProductImportTarget {

    private final Products products;
    private final AuditTrail audit;
    private final Validator validator;
    private final JsonMapper json;

    ProductImports(Products products, AuditTrail audit, Validator validator, JsonMapper json) {
        this.products = products;
        this.audit = audit;
        this.validator = validator;
        this.json = json;
    }

    @Override
    public void checkAllowed() {
        SalesService.require(Permission.MANAGE_PRODUCTS);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> write(List<Row> rows, Mode mode, String matchKey, String importRef) {
        checkAllowed();
        Map<String, ProductView> existing = products.findBySkus(rows.stream().map(r -> r.values().get("sku"))
                .filter(s -> s != null && !s.isBlank()).map(ImportCells::lower).toList());
        List<Outcome> outcomes = new ArrayList<>();
        int created = 0;
        int updated = 0;
        for (Row row : rows) {
            Map<String, String> cells = row.values();
            List<FieldProblem> problems = new ArrayList<>();
            String sku = cells.get("sku");
            ProductView stored = sku == null || sku.isBlank() ? null : existing.get(ImportCells.lower(sku));
            if (stored != null && mode == Mode.CREATE_ONLY) {
                outcomes.add(Outcome.rejected(row.line(), "sku", "validation.import-exists"));
                continue;
            }
            ProductData d = merge(stored == null ? null : stored.data(), cells, problems);
            if (problems.isEmpty()) {
                problems.addAll(FieldProblem.violations(validator, d));
            }
            if (!problems.isEmpty()) {
                outcomes.add(Outcome.rejected(row.line(), problems));
                continue;
            }
            if (stored == null) {
                long id = products.insert(d);
                existing.put(ImportCells.lower(d.sku()), new ProductView(id, d, "CNY", 0));
                created++;
                outcomes.add(new Outcome(row.line(), Result.CREATED, id, 0, null, List.of()));
            } else if (same(stored.data(), d)) {
                outcomes.add(new Outcome(row.line(), Result.UNCHANGED, stored.id(), stored.version(), null,
                        List.of()));
            } else if (products.update(stored.id(), stored.version(), d)) {
                existing.put(ImportCells.lower(d.sku()), new ProductView(stored.id(), d, stored.currency(),
                        stored.version() + 1));
                updated++;
                outcomes.add(new Outcome(row.line(), Result.UPDATED, stored.id(), stored.version() + 1,
                        json.writeValueAsString(stored.data()), List.of()));
            } else {
                outcomes.add(Outcome.rejected(row.line(), "sku", "validation.import-concurrent"));
            }
        }
        audit.recordImportBatch("product", importRef, created, updated, rows.get(0).line(),
                rows.get(rows.size() - 1).line(), "products");
        return outcomes;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int revert(List<Reversal> reversals, String importRef) {
        checkAllowed();
        Map<Long, ProductView> current = products.findAll(reversals.stream().map(Reversal::recordId).toList());
        int deleted = 0;
        int restored = 0;
        for (Reversal r : reversals) {
            ProductView p = current.get(r.recordId());
            if (p == null || p.version() != r.versionAfterImport()) {
                continue; // changed since the import: a later edit wins over the undo
            }
            if (r.created() && products.deleteUnused(p.id(), p.version())) {
                deleted++;
            } else if (!r.created() && r.before() != null
                    && products.update(p.id(), p.version(), json.readValue(r.before(), ProductData.class))) {
                restored++;
            }
        }
        audit.recordImportUndo("product", importRef, deleted, restored, "products");
        return deleted + restored;
    }

    /** The row's non-empty cells over the stored product (null: a new one, active unless the row says not). */
    private static ProductData merge(ProductData base, Map<String, String> cells, List<FieldProblem> problems) {
        BigDecimal price = base == null ? null : base.listPrice();
        String priceCell = cells.get("listPrice");
        if (priceCell != null && !priceCell.isBlank()) {
            price = ImportCells.decimal(priceCell);
            if (price == null) {
                problems.add(new FieldProblem("listPrice", "validation.import-number"));
            }
        }
        Boolean active = base == null ? Boolean.TRUE : base.active();
        String activeCell = cells.get("active");
        if (activeCell != null && !activeCell.isBlank()) {
            active = ImportCells.yesNo(activeCell);
            if (active == null) {
                problems.add(new FieldProblem("active", "validation.import-yes-no"));
            }
        }
        return new ProductData(ImportCells.text(cells, "sku", base == null ? null : base.sku()),
                ImportCells.text(cells, "name", base == null ? null : base.name()),
                ImportCells.text(cells, "category", base == null ? null : base.category()),
                ImportCells.text(cells, "unit", base == null ? null : base.unit()), price, active).normalized();
    }


    private static boolean same(ProductData a, ProductData b) {
        return a.sku().equals(b.sku()) && a.name().equals(b.name()) && java.util.Objects.equals(a.category(),
                b.category()) && a.unit().equals(b.unit()) && a.listPrice().compareTo(b.listPrice()) == 0
                && a.active().equals(b.active());
    }
}
