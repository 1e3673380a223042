package dev.guanxi.crm.marketing.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignFiguresTest {

    static CampaignRoi roi(String expenses, String revenue, long targeted, long responded, long converted) {
        return new CampaignRoi(new BigDecimal(expenses), new BigDecimal(revenue), 0, 0, BigDecimal.ZERO, 0, targeted,
                responded, converted);
    }

    @Test
    void roiCostPerResponseAndConversion() {
        CampaignRoi r = roi("500.00", "1250.00", 4, 3, 2);
        assertThat(r.roi()).isEqualByComparingTo("1.5");
        assertThat(r.costPerResponse()).isEqualByComparingTo("166.67");
        assertThat(r.conversionRate()).isEqualByComparingTo("0.5");
        assertThat(roi("500", "0", 4, 0, 0).roi()).isEqualByComparingTo("-1");
    }

    @Test
    void undefinedRatiosAreNull() {
        CampaignRoi r = roi("0", "900", 0, 0, 0);
        assertThat(r.roi()).isNull();
        assertThat(r.costPerResponse()).isNull();
        assertThat(r.conversionRate()).isNull();
        assertThat(roi("0", "0", 2, 1, 0).costPerResponse()).isEqualByComparingTo("0");
    }

    @Test
    void totalsAddUp() {
        CampaignRoi total = roi("100", "300", 10, 2, 1).plus(roi("300", "100", 10, 4, 3));
        assertThat(total.roi()).isEqualByComparingTo("0");
        assertThat(total.conversionRate()).isEqualByComparingTo("0.2");
    }

    @Test
    void couponDiscountsNeverExceedTheSubtotal() {
        assertThat(Coupons.discount(CouponData.DiscountType.PERCENT, new BigDecimal("15"), new BigDecimal("99.99")))
                .isEqualByComparingTo("15.00");
        assertThat(Coupons.discount(CouponData.DiscountType.FIXED, new BigDecimal("50"), new BigDecimal("30.00")))
                .isEqualByComparingTo("30.00");
        assertThat(Coupons.discount(CouponData.DiscountType.FIXED, new BigDecimal("20"), new BigDecimal("30.00")))
                .isEqualByComparingTo("20.00");
    }
}
