package dev.guanxi.crm.marketing.api;

import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.marketing.internal.CouponData;
import dev.guanxi.crm.marketing.internal.CouponService;
import dev.guanxi.crm.marketing.internal.CouponView;
import dev.guanxi.crm.sales.DiscountProvider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** REST API of coupons: definition, codes, issuing to a segment, checking a code. */
@RestController
@RequestMapping("/api/v1/coupons")
@Tag(name = "Marketing")
class CouponApi {

    private final CouponService coupons;
    private final CustomerDirectory customers;

    CouponApi(CouponService coupons, CustomerDirectory customers) {
        this.coupons = coupons;
        this.customers = customers;
    }

    @GetMapping
    PageResult<CouponView> list(@RequestParam(required = false) Long campaignId,
                                @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        return coupons.list(campaignId, page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<CouponView> get(@PathVariable long id) {
        CouponView c = coupons.get(id);
        return Versions.ok(c, c.version());
    }

    @PostMapping
    ResponseEntity<CouponView> create(@Valid @RequestBody CouponData body) {
        long id = coupons.create(body);
        CouponView c = coupons.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), c, c.version());
    }

    record Generate(Integer count) {
    }

    @PostMapping("/{id}/codes")
    @Operation(summary = "Generate unique codes (random, unambiguous alphabet); returns how many were made")
    Map<String, Integer> generate(@PathVariable long id, @RequestBody Generate body) {
        return Map.of("generated", coupons.generateCodes(id, body == null || body.count() == null ? 0 : body.count()));
    }

    @GetMapping("/{id}/codes")
    PageResult<CouponService.CodeView> codes(@PathVariable long id, @RequestParam(defaultValue = "1") int page,
                                             @RequestParam(defaultValue = "50") int size) {
        return coupons.codes(id, page, size);
    }

    record Issue(Long segmentId) {
    }

    @PostMapping("/{id}/issue")
    @Operation(summary = "Issue a personal code to every customer of a segment who has none; returns how many")
    Map<String, Integer> issue(@PathVariable long id, @RequestBody Issue body) {
        if (body == null || body.segmentId() == null) {
            throw new dev.guanxi.crm.common.InvalidInputException("segmentId", "validation.required");
        }
        return Map.of("issued", coupons.issueToSegment(id, body.segmentId()));
    }

    @GetMapping("/{id}/redemptions")
    List<CouponService.RedemptionView> redemptions(@PathVariable long id) {
        return coupons.redemptions(id);
    }

    @GetMapping("/check")
    @Operation(summary = "The discount a code gives a visible customer on an order of the subtotal (400 naming the reason when it cannot be used)")
    DiscountProvider.Discount check(@RequestParam String code, @RequestParam long customerId,
                                    @RequestParam BigDecimal subtotal) {
        customers.findVisible(customerId).orElseThrow(() -> new NotFoundException("Customer", customerId));
        return coupons.quote(customerId, code, subtotal);
    }
}
