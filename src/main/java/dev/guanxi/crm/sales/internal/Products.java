package dev.guanxi.crm.sales.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

@Repository
class Products {

    private static final String COLUMNS = "id, sku, name, category, unit, list_price, currency, active, version";

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ProductData d) {
        return jdbc.sql("""
                        INSERT INTO products (sku, name, category, unit, list_price, active)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(d.sku(), d.name(), d.category(), d.unit(), d.listPrice(), d.active())
                .query(Long.class).single();
    }

    boolean update(long id, int version, ProductData d) {
        return jdbc.sql("""
                        UPDATE products SET sku = ?, name = ?, category = ?, unit = ?, list_price = ?, active = ?,
                          version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ?""")
                .params(d.sku(), d.name(), d.category(), d.unit(), d.listPrice(), d.active(), id, version)
                .update() == 1;
    }

    boolean skuTaken(String sku, Long exceptId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM products WHERE lower(sku) = lower(?) AND id <> ?)")
                .params(sku, exceptId == null ? -1L : exceptId).query(Boolean.class).single();
    }

    /** Products by lower-case SKU, for the given lower-case SKUs. */
    Map<String, ProductView> findBySkus(Collection<String> lowerSkus) {
        Map<String, ProductView> found = new java.util.HashMap<>();
        if (!lowerSkus.isEmpty()) {
            jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE lower(sku) IN (:skus)")
                    .param("skus", Set.copyOf(lowerSkus)).query(Products::map).stream()
                    .forEach(p -> found.put(p.data().sku().toLowerCase(java.util.Locale.ROOT), p));
        }
        return found;
    }

    /** Deletes the product at this version when no order or quote line uses it; false otherwise. */
    boolean deleteUnused(long id, int version) {
        return jdbc.sql("""
                        DELETE FROM products p WHERE id = ? AND version = ?
                          AND NOT EXISTS (SELECT 1 FROM order_lines WHERE product_id = p.id)
                          AND NOT EXISTS (SELECT 1 FROM quote_lines WHERE product_id = p.id)""")
                .params(id, version).update() == 1;
    }

    Optional<ProductView> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id = ?").param(id).query(Products::map).optional();
    }

    Map<Long, ProductView> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id IN (:ids)").param("ids", Set.copyOf(ids))
                .query(Products::map).stream().collect(Collectors.toMap(ProductView::id, Function.identity()));
    }

    List<ProductView> search(String q, boolean activeOnly, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE (:q = '' OR name ILIKE :like OR sku ILIKE :like)"
                        + (activeOnly ? " AND active" : "") + " ORDER BY name, id LIMIT :limit OFFSET :offset")
                .param("q", q == null ? "" : q.strip())
                .param("like", "%" + (q == null ? "" : q.strip().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_")) + "%")
                .param("limit", limit).param("offset", offset)
                .query(Products::map).list();
    }

    /** Tier prices of the given products for one value tier: product id → price. */
    Map<Long, java.math.BigDecimal> tierPrices(Collection<Long> productIds, String tier) {
        if (productIds.isEmpty() || tier == null) {
            return Map.of();
        }
        Map<Long, java.math.BigDecimal> prices = new java.util.HashMap<>();
        jdbc.sql("SELECT product_id, price FROM product_tier_prices WHERE value_tier = :tier AND product_id IN (:ids)")
                .param("tier", tier).param("ids", Set.copyOf(productIds))
                .query(rs -> { prices.put(rs.getLong(1), rs.getBigDecimal(2)); });
        return prices;
    }

    Map<String, java.math.BigDecimal> tierPricesOf(long productId) {
        Map<String, java.math.BigDecimal> prices = new java.util.TreeMap<>();
        jdbc.sql("SELECT value_tier, price FROM product_tier_prices WHERE product_id = ?").param(productId)
                .query(rs -> { prices.put(rs.getString(1), rs.getBigDecimal(2)); });
        return prices;
    }

    void replaceTierPrices(long productId, Map<String, java.math.BigDecimal> prices) {
        jdbc.sql("DELETE FROM product_tier_prices WHERE product_id = ?").param(productId).update();
        prices.forEach((tier, price) -> jdbc.sql(
                        "INSERT INTO product_tier_prices (product_id, value_tier, price) VALUES (?, ?, ?)")
                .params(productId, tier, price).update());
    }

    private static ProductView map(ResultSet rs, int n) throws SQLException {
        return new ProductView(rs.getLong("id"), new ProductData(rs.getString("sku"), rs.getString("name"),
                rs.getString("category"), rs.getString("unit"), rs.getBigDecimal("list_price"),
                rs.getBoolean("active")), rs.getString("currency"), rs.getInt("version"));
    }
}
