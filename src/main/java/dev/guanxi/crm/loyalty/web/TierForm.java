package dev.guanxi.crm.loyalty.web;

import dev.guanxi.crm.loyalty.TierBasis;
import dev.guanxi.crm.loyalty.internal.TierService;

import java.math.BigDecimal;

/** What the tier form binds (mutable, so that input with type errors is shown back). */
public class TierForm {

    private String nameEn;
    private String nameZh;
    private TierBasis basis = TierBasis.SPEND;
    private BigDecimal threshold;
    private Integer periodMonths = 12;
    private String benefits;
    private Integer rank;
    private BigDecimal pointsMultiplier = BigDecimal.ONE;
    private boolean active = true;
    private int version;

    static TierForm of(TierService.Tier t) {
        TierForm f = new TierForm();
        f.nameEn = t.nameEn();
        f.nameZh = t.nameZh();
        f.basis = t.basis();
        f.threshold = t.threshold();
        f.periodMonths = t.periodMonths();
        f.benefits = t.benefits();
        f.rank = t.rank();
        f.pointsMultiplier = t.pointsMultiplier();
        f.active = t.active();
        f.version = t.version();
        return f;
    }

    TierService.TierData toData() {
        return new TierService.TierData(nameEn == null ? "" : nameEn, nameZh == null ? "" : nameZh, basis, threshold,
                periodMonths, benefits, rank, pointsMultiplier, active);
    }

    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getNameZh() { return nameZh; }
    public void setNameZh(String nameZh) { this.nameZh = nameZh; }
    public TierBasis getBasis() { return basis; }
    public void setBasis(TierBasis basis) { this.basis = basis; }
    public BigDecimal getThreshold() { return threshold; }
    public void setThreshold(BigDecimal threshold) { this.threshold = threshold; }
    public Integer getPeriodMonths() { return periodMonths; }
    public void setPeriodMonths(Integer periodMonths) { this.periodMonths = periodMonths; }
    public String getBenefits() { return benefits; }
    public void setBenefits(String benefits) { this.benefits = benefits; }
    public Integer getRank() { return rank; }
    public void setRank(Integer rank) { this.rank = rank; }
    public BigDecimal getPointsMultiplier() { return pointsMultiplier; }
    public void setPointsMultiplier(BigDecimal pointsMultiplier) { this.pointsMultiplier = pointsMultiplier; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
