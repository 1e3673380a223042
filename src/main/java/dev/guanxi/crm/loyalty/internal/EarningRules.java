package dev.guanxi.crm.loyalty.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Earning rules: points per currency unit (base rule per currency) and multipliers per campaign. */
@Repository
public class EarningRules {

    public record Rule(long id, String name, String currency, BigDecimal pointsPerUnit, Long campaignId,
                       BigDecimal multiplier, boolean active, int version) {
    }

    /** What the rule form and the API send. */
    public record RuleData(
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String name,
            @Pattern(regexp = "[A-Z]{3}", message = "{loyalty.validation.currency}") String currency,
            @NotNull(message = "{validation.required}") @DecimalMin(value = "0", message = "{validation.not-negative}")
            @DecimalMax(value = "1000", message = "{loyalty.validation.rate}") @Digits(integer = 8, fraction = 4,
                    message = "{loyalty.validation.rate}") BigDecimal pointsPerUnit,
            Long campaignId,
            @DecimalMin(value = "0.01", message = "{validation.positive}") @DecimalMax(value = "100",
                    message = "{loyalty.validation.multiplier}") @Digits(integer = 4, fraction = 2,
                    message = "{loyalty.validation.multiplier}") BigDecimal multiplier,
            Boolean active) {

        RuleData normalized() {
            return new RuleData(name.strip(), currency == null ? "CNY" : currency, pointsPerUnit, campaignId,
                    multiplier == null ? BigDecimal.ONE : multiplier, active == null || active);
        }
    }

    private static final String COLUMNS = "id, name, currency, points_per_unit, campaign_id, multiplier, active, version";

    private final JdbcClient jdbc;

    EarningRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Rule> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM points_rules ORDER BY active DESC, campaign_id NULLS FIRST, id")
                .query(Rule.class).list();
    }

    Optional<Rule> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM points_rules WHERE id = ?").param(id).query(Rule.class).optional();
    }

    Optional<Rule> base(String currency) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM points_rules WHERE active AND campaign_id IS NULL AND currency = ?")
                .param(currency).query(Rule.class).optional();
    }

    Optional<Rule> forCampaign(long campaignId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM points_rules WHERE active AND campaign_id = ?")
                .param(campaignId).query(Rule.class).optional();
    }

    /** Whether another active rule already has the same scope (the base rule of a currency, or a campaign). */
    boolean scopeTaken(RuleData d, Long exceptId) {
        return d.active() && jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM points_rules WHERE active AND id <> ?
                          AND (CASE WHEN CAST(? AS bigint) IS NULL THEN campaign_id IS NULL AND currency = ?
                                    ELSE campaign_id = ? END))""")
                .params(exceptId == null ? -1L : exceptId, d.campaignId(), d.currency(), d.campaignId())
                .query(Boolean.class).single();
    }

    long insert(RuleData d) {
        return jdbc.sql("""
                        INSERT INTO points_rules (name, currency, points_per_unit, campaign_id, multiplier, active)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(d.name(), d.currency(), d.pointsPerUnit(), d.campaignId(), d.multiplier(), d.active())
                .query(Long.class).single();
    }

    boolean update(long id, int version, RuleData d) {
        return jdbc.sql("""
                        UPDATE points_rules SET name = ?, currency = ?, points_per_unit = ?, campaign_id = ?,
                          multiplier = ?, active = ?, version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(d.name(), d.currency(), d.pointsPerUnit(), d.campaignId(), d.multiplier(), d.active(), id,
                        version)
                .update() == 1;
    }
}
