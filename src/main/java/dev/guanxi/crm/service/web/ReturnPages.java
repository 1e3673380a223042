package dev.guanxi.crm.service.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.service.internal.ReturnService;
import dev.guanxi.crm.service.internal.ReturnStatus;
import dev.guanxi.crm.service.internal.ReturnType;
import jakarta.validation.Validator;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.List;

/** Pages of after-sales requests: the list, the request form (per order line) and a request with its next steps. */
@Controller
@RequestMapping("/service/returns")
class ReturnPages {

    private final ReturnService returns;
    private final Validator validator;

    ReturnPages(ReturnService returns, Validator validator) {
        this.returns = returns;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestParam(required = false) ReturnStatus status, @RequestParam(required = false) ReturnType type,
                @RequestParam(required = false) Long customerId, @RequestParam(defaultValue = "1") int page,
                Model model) {
        model.addAttribute("result", returns.search(status, type, customerId, page, 25));
        model.addAttribute("status", status);
        model.addAttribute("type", type);
        model.addAttribute("customerId", customerId);
        model.addAttribute("statuses", ReturnStatus.values());
        model.addAttribute("types", ReturnType.values());
        model.addAttribute("open", returns.openCounts());
        model.addAttribute("zone", returns.zone());
        return "service/returns";
    }

    @GetMapping("/new")
    String newReturn(@RequestParam(required = false) Long orderId, @RequestParam(required = false) Long orderLineId,
                     Model model) {
        ReturnForm form = new ReturnForm();
        form.setOrderId(orderId);
        form.setOrderLineId(orderLineId);
        form.setType(ReturnType.RETURN_AND_REFUND);
        model.addAttribute("form", form);
        return form(model, form);
    }

    @PostMapping
    String create(@ModelAttribute("form") ReturnForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        if (!binding.hasErrors()) {
            Forms.validate(validator, form.toDraft(), binding);
        }
        if (!binding.hasErrors()) {
            try {
                long id = returns.create(form.toDraft());
                redirect.addFlashAttribute("message", "return.created");
                return "redirect:/service/returns/" + id;
            } catch (InvalidInputException e) {
                for (FieldProblem p : e.problems()) {
                    binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.messageKey());
                }
            }
        }
        return form(model, form);
    }

    private String form(Model model, ReturnForm form) {
        model.addAttribute("lines", form.getOrderId() == null ? List.of() : returns.orderLines(form.getOrderId()));
        model.addAttribute("types", ReturnType.values());
        model.addAttribute("returnDays", returns.returnDays());
        return "service/return-form";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("r", returns.find(id));
        model.addAttribute("zone", returns.zone());
        return "service/return";
    }

    @PostMapping("/{id}/{action}")
    String step(@PathVariable long id, @PathVariable String action, @RequestParam int version,
                @RequestParam(required = false) String reason, @RequestParam(required = false) Boolean resellable,
                @RequestParam(required = false) String note, @RequestParam(required = false) BigDecimal amount,
                RedirectAttributes redirect) {
        try {
            switch (action) {
                case "approve" -> returns.approve(id, version);
                case "reject" -> returns.reject(id, version, reason);
                case "goods-returned" -> returns.goodsReturned(id, version);
                case "inspect" -> returns.inspect(id, version, resellable, note);
                case "refund" -> returns.refund(id, version, amount);
                case "exchange" -> returns.exchange(id, version);
                default -> throw new InvalidInputException("action", "return.validation.action");
            }
            redirect.addFlashAttribute("message", "return.updated");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("conflict", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", e.problems().get(0));
        }
        return "redirect:/service/returns/" + id;
    }
}
