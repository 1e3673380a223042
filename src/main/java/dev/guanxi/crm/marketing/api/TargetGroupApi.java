package dev.guanxi.crm.marketing.api;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.marketing.internal.TargetGroups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST API of the target-group analysis. */
@RestController
@Tag(name = "Marketing")
class TargetGroupApi {

    private final TargetGroups targetGroups;

    TargetGroupApi(TargetGroups targetGroups) {
        this.targetGroups = targetGroups;
    }

    @GetMapping("/api/v1/marketing/target-groups")
    @Operation(summary = "Customers and confirmed revenue by a dimension (industry, occupation, age_band, gender, "
            + "province, city, value_tier, source, customer_type) under filters")
    TargetGroups.Distribution distribution(@RequestParam(defaultValue = "industry") String dimension,
                                           @ModelAttribute TargetGroups.Filter filter) {
        TargetGroups.Dimension dim = TargetGroups.Dimension.parse(dimension)
                .orElseThrow(() -> new InvalidInputException("dimension", "targetgroup.unknown-dimension", dimension));
        return targetGroups.distribution(dim, filter);
    }
}
