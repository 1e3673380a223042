package dev.guanxi.crm.marketing.api;

import dev.guanxi.crm.marketing.MessageChannel;
import dev.guanxi.crm.marketing.internal.ConsentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** REST API for a customer's opt-outs per channel. */
@RestController
@RequestMapping("/api/v1/customers/{id}/consents")
@Tag(name = "Messaging")
class ConsentApi {

    record ConsentRequest(@NotNull(message = "{validation.required}") Boolean optedOut) {
    }

    private final ConsentService consents;

    ConsentApi(ConsentService consents) {
        this.consents = consents;
    }

    @GetMapping
    List<ConsentService.ConsentState> consents(@PathVariable long id) {
        return consents.of(id);
    }

    @PutMapping("/{channel}")
    @Operation(summary = "Record that the customer opted out of (or back into) a channel: EMAIL or SMS")
    List<ConsentService.ConsentState> set(@PathVariable long id, @PathVariable MessageChannel channel,
                                          @Valid @RequestBody ConsentRequest body) {
        consents.set(id, channel, body.optedOut(), "API");
        return consents.of(id);
    }
}
