package dev.guanxi.crm.loyalty.api;

import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.loyalty.internal.EarningRules;
import dev.guanxi.crm.loyalty.internal.PointsService;
import dev.guanxi.crm.loyalty.internal.TierService;
import dev.guanxi.crm.loyalty.internal.LoyaltyQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** REST API for points (balance, ledger, redemptions, adjustments), tiers and earning rules. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Loyalty")
class LoyaltyApi {

    record RedemptionRequest(
            @NotNull(message = "{validation.required}") @Min(value = 1, message = "{validation.positive}")
            @Max(value = 100_000_000, message = "{loyalty.validation.points-max}") Integer points,
            @Size(max = 200, message = "{validation.size.max}") String reason,
            @Size(max = 100, message = "{validation.size.max}") String reference) {
    }

    record AdjustmentRequest(
            @NotNull(message = "{validation.required}") @Min(value = -100_000_000, message = "{loyalty.validation.points-max}")
            @Max(value = 100_000_000, message = "{loyalty.validation.points-max}") Integer points,
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String reason) {
    }

    record Recorded(long entryId, long balance) {
    }

    private final PointsService points;
    private final TierService tiers;
    private final LoyaltyQueries queries;

    LoyaltyApi(PointsService points, TierService tiers, LoyaltyQueries queries) {
        this.points = points;
        this.tiers = tiers;
        this.queries = queries;
    }

    @GetMapping("/customers/{id}/points")
    @Operation(summary = "A customer's points balance (the sum of the ledger) and a page of ledger entries, newest first")
    PointsService.Statement statement(@PathVariable long id, @RequestParam(defaultValue = "1") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return points.statement(id, page, size);
    }

    @PostMapping("/customers/{id}/points/redemptions")
    @Operation(summary = "Redeem points; fails with 400 when the balance is too small. A repeated reference is a 409")
    ResponseEntity<Recorded> redeem(@PathVariable long id, @Valid @RequestBody RedemptionRequest body) {
        long entry = points.redeem(id, body.points(), body.reason(), body.reference());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Recorded(entry, points.statement(id, 1, 1).balance()));
    }

    @PostMapping("/customers/{id}/points/adjustments")
    @Operation(summary = "Correct a balance by a positive or negative number of points with a reason (managers, admins)")
    ResponseEntity<Recorded> adjust(@PathVariable long id, @Valid @RequestBody AdjustmentRequest body) {
        long entry = points.adjust(id, body.points(), body.reason());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Recorded(entry, points.statement(id, 1, 1).balance()));
    }

    @GetMapping("/customers/{id}/tier")
    @Operation(summary = "A customer's current member tier and its history")
    LoyaltyQueries.MemberTier tier(@PathVariable long id) {
        return queries.memberTier(id);
    }

    @GetMapping("/loyalty/tiers")
    List<TierService.Tier> tiers() {
        return tiers.all();
    }

    @GetMapping("/loyalty/tiers/{id}")
    ResponseEntity<TierService.Tier> tierDefinition(@PathVariable long id) {
        TierService.Tier t = tiers.get(id);
        return Versions.ok(t, t.version());
    }

    @PostMapping("/loyalty/tiers")
    ResponseEntity<TierService.Tier> createTier(@Valid @RequestBody TierService.TierData body) {
        long id = tiers.create(body);
        TierService.Tier t = tiers.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), t, t.version());
    }

    @PutMapping("/loyalty/tiers/{id}")
    ResponseEntity<TierService.Tier> updateTier(@PathVariable long id, @Valid @RequestBody TierService.TierData body,
                                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                @RequestParam(required = false) Integer version) {
        tiers.update(id, Versions.expected(ifMatch, version), body);
        TierService.Tier t = tiers.get(id);
        return Versions.ok(t, t.version());
    }

    @GetMapping("/loyalty/rules")
    List<EarningRules.Rule> rules() {
        return points.rules();
    }

    @PostMapping("/loyalty/rules")
    ResponseEntity<EarningRules.Rule> createRule(@Valid @RequestBody EarningRules.RuleData body) {
        long id = points.createRule(body);
        EarningRules.Rule r = points.rule(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), r, r.version());
    }

    @PutMapping("/loyalty/rules/{id}")
    ResponseEntity<EarningRules.Rule> updateRule(@PathVariable long id, @Valid @RequestBody EarningRules.RuleData body,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @RequestParam(required = false) Integer version) {
        points.updateRule(id, Versions.expected(ifMatch, version), body);
        EarningRules.Rule r = points.rule(id);
        return Versions.ok(r, r.version());
    }
}
