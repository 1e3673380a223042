package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.marketing.MessageChannel;
import dev.guanxi.crm.marketing.internal.ConsentService;
import dev.guanxi.crm.marketing.internal.MessageAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A customer's opt-outs per channel, recorded by staff. */
@Controller
class ConsentPages {

    private final ConsentService consents;
    private final CustomerDirectory customers;

    ConsentPages(ConsentService consents, CustomerDirectory customers) {
        this.consents = consents;
        this.customers = customers;
    }

    @GetMapping("/marketing/consents/{customerId}")
    String show(@PathVariable long customerId, Model model) {
        model.addAttribute("customer", customers.findVisible(customerId)
                .orElseThrow(() -> new NotFoundException("Customer", customerId)));
        model.addAttribute("consents", consents.of(customerId));
        model.addAttribute("canChange", MessageAccess.mayRecordConsent(CurrentUser.get()));
        return "marketing/message-consents";
    }

    @PostMapping("/marketing/consents/{customerId}")
    String set(@PathVariable long customerId, @RequestParam MessageChannel channel, @RequestParam boolean optedOut,
               RedirectAttributes redirect) {
        consents.set(customerId, channel, optedOut, "STAFF");
        redirect.addFlashAttribute("message", "consent.saved");
        return "redirect:/marketing/consents/" + customerId;
    }
}
