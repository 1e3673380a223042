package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.sales.internal.ProductData;

import java.math.BigDecimal;

/** What the product form binds (mutable, so that input with type errors is shown back as entered). */
public class ProductForm {

    private String sku;
    private String name;
    private String category;
    private String unit = "pcs";
    private BigDecimal listPrice;
    private boolean active = true;

    static ProductForm of(ProductData d) {
        ProductForm f = new ProductForm();
        f.sku = d.sku();
        f.name = d.name();
        f.category = d.category();
        f.unit = d.unit();
        f.listPrice = d.listPrice();
        f.active = !Boolean.FALSE.equals(d.active());
        return f;
    }

    ProductData toData() {
        return new ProductData(sku, name, category, unit, listPrice, active).normalized();
    }

    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public BigDecimal getListPrice() { return listPrice; }
    public void setListPrice(BigDecimal listPrice) { this.listPrice = listPrice; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
}
