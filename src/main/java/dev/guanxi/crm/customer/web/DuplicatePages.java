package dev.guanxi.crm.customer.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.internal.CustomerMerges;
import dev.guanxi.crm.customer.internal.CustomerMerges.Side;
import dev.guanxi.crm.customer.internal.CustomerService;
import dev.guanxi.crm.customer.internal.CustomerView;
import dev.guanxi.crm.customer.internal.DuplicateQueue;
import dev.guanxi.crm.customer.internal.DuplicateScans;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The duplicate review queue, the background scan, and comparing and merging two customers (客户信息整合). */
@Controller
class DuplicatePages {

    private final DuplicateQueue queue;
    private final DuplicateScans scans;
    private final CustomerMerges merges;
    private final CustomerService customers;

    DuplicatePages(DuplicateQueue queue, DuplicateScans scans, CustomerMerges merges, CustomerService customers) {
        this.queue = queue;
        this.scans = scans;
        this.merges = merges;
        this.customers = customers;
    }

    @GetMapping("/customers/duplicates")
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) Long customerId,
                 @RequestParam(defaultValue = "1") int page, Model model) {
        DuplicateQueue.Status s = DuplicateQueue.status(status);
        model.addAttribute("status", s);
        model.addAttribute("customerId", customerId);
        model.addAttribute("statuses", DuplicateQueue.Status.values());
        model.addAttribute("page", queue.list(s, customerId, page, 25));
        model.addAttribute("scan", scans.latest().orElse(null));
        model.addAttribute("canEdit", CurrentUser.get().can(Permission.EDIT_CUSTOMERS));
        return "customer/duplicates";
    }

    /** The scan's progress, polled by the queue page while it runs. */
    @GetMapping("/customers/duplicates/scan")
    String scanStatus(Model model) {
        model.addAttribute("scan", scans.latest().orElse(null));
        return "customer/duplicates :: scan";
    }

    @PostMapping("/customers/duplicates/scan")
    String startScan(RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        CustomerService.requireEdit(user);
        try {
            scans.start(user.id());
            redirect.addFlashAttribute("message", "duplicates.scan-started");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "duplicates.scan-running");
        }
        return "redirect:/customers/duplicates";
    }

    @PostMapping("/customers/duplicates/{id}/dismiss")
    String dismiss(@PathVariable long id, RedirectAttributes redirect) {
        queue.dismiss(id);
        redirect.addFlashAttribute("message", "duplicates.dismissed");
        return "redirect:/customers/duplicates";
    }

    @GetMapping("/customers/merge")
    String compare(@RequestParam long survivor, @RequestParam long merged, Model model) {
        if (survivor == merged) {
            throw new InvalidInputException("merged", "customer.merge.same");
        }
        CustomerView a = customers.get(survivor);
        CustomerView b = customers.get(merged);
        Map<String, Object> aValues = CustomerMerges.values(a.data());
        Map<String, Object> bValues = CustomerMerges.values(b.data());
        Map<String, Object[]> rows = new LinkedHashMap<>();
        for (String field : CustomerMerges.FIELDS) {
            rows.put(field, new Object[]{aValues.get(field), bValues.get(field)});
        }
        model.addAttribute("a", a);
        model.addAttribute("b", b);
        model.addAttribute("rows", rows);
        return "customer/merge";
    }

    @PostMapping("/customers/merge")
    String merge(@RequestParam long survivor, @RequestParam long merged, @RequestParam Map<String, String> params,
                 RedirectAttributes redirect) {
        Map<String, Side> choices = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("field.")) {
                try {
                    choices.put(name.substring(6), Side.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(name, "customer.merge.side");
                }
            }
        });
        merges.merge(survivor, merged, choices);
        redirect.addFlashAttribute("message", "merge.done");
        return "redirect:/customers/" + survivor;
    }

    @PostMapping("/customers/merges/{id}/undo")
    String undo(@PathVariable long id, RedirectAttributes redirect) {
        merges.undo(id);
        redirect.addFlashAttribute("message", "merge.undone");
        return "redirect:/customers/duplicates?status=DISMISSED";
    }
}
