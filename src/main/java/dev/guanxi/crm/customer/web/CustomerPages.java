package dev.guanxi.crm.customer.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerPanel;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.customer.internal.ContactData;
import dev.guanxi.crm.customer.internal.ContactView;
import dev.guanxi.crm.customer.internal.CustomerData;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.customer.internal.CustomerMerges;
import dev.guanxi.crm.customer.internal.CustomerService;
import dev.guanxi.crm.customer.internal.DuplicateQueue;
import dev.guanxi.crm.customer.internal.CustomerSort;
import dev.guanxi.crm.customer.internal.CustomerView;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;


/** Customer list, form and 360 page. */
@Controller
@RequestMapping("/customers")
class CustomerPages {

    static final int PAGE_SIZE = 25;

    private final CustomerService service;
    private final UserDirectory users;
    private final Validator validator;
    private final DuplicateQueue duplicates;
    private final CustomerMerges merges;
    private final List<CustomerPanel> panels;

    CustomerPages(CustomerService service, UserDirectory users, Validator validator, DuplicateQueue duplicates,
                  CustomerMerges merges, List<CustomerPanel> panels) {
        this.service = service;
        this.duplicates = duplicates;
        this.merges = merges;
        this.users = users;
        this.validator = validator;
        this.panels = panels.stream()
                .sorted(Comparator.comparingInt(CustomerPanel::order)).toList();
    }

    @GetMapping
    String list(@ModelAttribute("query") CustomerQuery query, BindingResult binding,
                @RequestParam(required = false) String sort, @RequestParam(defaultValue = "1") int page,
                HttpServletRequest request, Model model) {
        if (binding.hasErrors()) {
            model.addAttribute("page", new PageResult<CustomerView>(java.util.List.of(), 1, PAGE_SIZE, false, 0, false));
            model.addAttribute("filterError", true);
        } else {
            CustomerSort order = CustomerSort.parse(sort);
            // the count follows in its own request (see count below), so the page does not wait for it
            model.addAttribute("page", service.search(query, order, Math.max(1, page), PAGE_SIZE, false));
        }
        model.addAttribute("sort", sort == null ? "newest" : sort.toLowerCase());
        String others = queryWithout(request, "page");
        model.addAttribute("pageLink", request.getContextPath() + "/customers?" + others + (others.isEmpty() ? "" : "&") + "page=");
        model.addAttribute("countLink", request.getContextPath() + "/customers/count?" + others);
        model.addAttribute("exportLink", request.getContextPath() + "/customers/export?" + others
                + (others.isEmpty() ? "" : "&") + "format=");
        addChoices(model);
        model.addAttribute("owners", users.activeUsers());
        model.addAttribute("teams", users.teams());
        boolean partial = "true".equals(request.getHeader("HX-Request"))
                && "results".equals(request.getHeader("HX-Target"));
        return partial ? "customer/list :: results" : "customer/list";
    }

    /** The number of customers matching the list's filters, loaded by the list after it is shown. */
    @GetMapping("/count")
    String count(@ModelAttribute("query") CustomerQuery query, BindingResult binding, Model model) {
        model.addAttribute("page", binding.hasErrors()
                ? new PageResult<Void>(java.util.List.of(), 1, 1, false, 0, false) : service.count(query));
        return "customer/list :: count";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        requireEdit();
        model.addAttribute("form", new CustomerForm());
        return form(model, null);
    }

    @PostMapping
    String create(@ModelAttribute("form") CustomerForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        CustomerData data = validate(form, binding);
        if (!binding.hasErrors()) {
            try {
                long id = service.create(data);
                redirect.addFlashAttribute("message", "customer.created");
                return "redirect:/customers/" + id;
            } catch (InvalidInputException e) {
                reject(e, binding);
            }
        }
        return form(model, null);
    }

    /** One read-only transaction: the page's dozen statements share one pooled connection instead of a dozen. */
    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    String show(@PathVariable long id, Model model) {
        service.readingOneCustomer();
        CustomerView customer = service.get(id);
        if (customer.id() != id) {
            // the id of a customer merged into this one
            return "redirect:/customers/" + customer.id();
        }
        model.addAttribute("c", customer);
        model.addAttribute("duplicateCount", duplicates.openCount(id));
        model.addAttribute("merges", merges.mergesInto(id));
        model.addAttribute("contacts", service.contacts(id));
        model.addAttribute("timeline", service.timeline(id, 50));
        // panels of other modules (scores, ...), asked only after service.get checked visibility
        model.addAttribute("panels", panels.stream().map(p -> p.panel(id)).flatMap(Optional::stream).toList());
        model.addAttribute("canEdit", CurrentUser.get().can(Permission.EDIT_CUSTOMERS));
        return "customer/show";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable long id, Model model) {
        CustomerView c = service.get(id);
        requireEdit();
        model.addAttribute("form", CustomerForm.of(c.data(), c.version()));
        return form(model, c);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") CustomerForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        CustomerView current = service.get(id);
        CustomerData data = validate(form, binding);
        if (!binding.hasErrors()) {
            try {
                service.update(id, form.getVersion(), data);
                redirect.addFlashAttribute("message", "customer.updated");
                return "redirect:/customers/" + id;
            } catch (InvalidInputException e) {
                reject(e, binding);
            } catch (ConflictException e) {
                binding.reject("customer.conflict");
            }
        }
        return form(model, current);
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        try {
            service.delete(id, version);
            redirect.addFlashAttribute("message", "customer.deleted");
            redirect.addFlashAttribute("undoId", id);
            return "redirect:/customers";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "customer.conflict");
            return "redirect:/customers/" + id;
        }
    }

    @PostMapping("/{id}/restore")
    String restore(@PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        try {
            service.restore(id, version);
            redirect.addFlashAttribute("message", "customer.restored");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "customer.conflict");
        }
        return "redirect:/customers/" + id;
    }

    @PostMapping("/{id}/contacts")
    String addContact(@PathVariable long id, @ModelAttribute("contactForm") ContactForm form, BindingResult binding,
                      Model model, RedirectAttributes redirect) {
        ContactData contact = form.toData();
        Forms.validate(validator, contact, binding);
        if (binding.hasErrors()) {
            // shown again with the reasons on the contact form page; the 360 page's short form shows no errors, so it
            // renders without Spring's bind status (a seventh of the page's CPU)
            requireEdit();
            model.addAttribute("c", service.get(id));
            return "customer/contact-form";
        }
        service.addContact(id, contact);
        redirect.addFlashAttribute("message", "contact.added");
        return "redirect:/customers/" + id + "#contacts";
    }

    @GetMapping("/{id}/contacts/{contactId}/edit")
    String editContact(@PathVariable long id, @PathVariable long contactId, Model model) {
        requireEdit();
        ContactView contact = service.contact(id, contactId);
        model.addAttribute("c", service.get(id));
        model.addAttribute("contactForm", ContactForm.of(contact.data()));
        model.addAttribute("contactVersion", contact.version());
        model.addAttribute("contactId", contactId);
        return "customer/contact-form";
    }

    @PostMapping("/{id}/contacts/{contactId}")
    String updateContact(@PathVariable long id, @PathVariable long contactId,
                         @ModelAttribute("contactForm") ContactForm form, BindingResult binding,
                         @RequestParam int version, Model model, RedirectAttributes redirect) {
        ContactData contact = form.toData();
        Forms.validate(validator, contact, binding);
        if (!binding.hasErrors()) {
            try {
                service.updateContact(id, contactId, version, contact);
                redirect.addFlashAttribute("message", "contact.updated");
                return "redirect:/customers/" + id + "#contacts";
            } catch (ConflictException e) {
                binding.reject("customer.conflict");
            }
        }
        model.addAttribute("c", service.get(id));
        model.addAttribute("contactVersion", version);
        model.addAttribute("contactId", contactId);
        return "customer/contact-form";
    }

    @PostMapping("/{id}/contacts/{contactId}/delete")
    String deleteContact(@PathVariable long id, @PathVariable long contactId, @RequestParam int version,
                         RedirectAttributes redirect) {
        try {
            service.deleteContact(id, contactId, version);
            redirect.addFlashAttribute("message", "contact.deleted");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "customer.conflict");
        }
        return "redirect:/customers/" + id + "#contacts";
    }

    /** The request's parameters, URL-encoded, without the named ones (for paging and count links). */
    private static String queryWithout(HttpServletRequest request, String... dropped) {
        org.springframework.web.util.UriComponentsBuilder b = org.springframework.web.util.UriComponentsBuilder.newInstance();
        java.util.Set<String> drop = java.util.Set.of(dropped);
        request.getParameterMap().forEach((name, values) -> {
            if (!drop.contains(name) && !"lang".equals(name)) {
                for (String value : values) {
                    b.queryParam(name, value);
                }
            }
        });
        String query = b.encode().build().getQuery();
        return query == null ? "" : query;
    }

    private static void requireEdit() {
        if (!CurrentUser.get().can(Permission.EDIT_CUSTOMERS)) {
            throw new AccessDeniedException("This role may not change customers");
        }
    }

    private String form(Model model, CustomerView existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("owners", service.assignableOwners());
        addChoices(model);
        return "customer/form";
    }

    private CustomerData validate(CustomerForm form, BindingResult binding) {
        // Validate what will be stored: empty optional inputs (phone, ID number) are absent, not malformed.
        CustomerData data = form.toData().normalized();
        // tags[3] and customFields[key] are single text fields on the form
        Forms.validate(validator, data, binding, path -> path.replaceAll("[\\[.].*$", ""));
        return data;
    }

    private static void reject(InvalidInputException e, BindingResult binding) {
        for (FieldProblem p : e.problems()) {
            binding.rejectValue(p.field(), p.messageKey());
        }
    }

    private static void addChoices(Model model) {
        model.addAttribute("kinds", CustomerKind.values());
        model.addAttribute("customerTypes", CustomerType.values());
        model.addAttribute("valueTiers", ValueTier.values());
        model.addAttribute("loyaltyStatuses", LoyaltyStatus.values());
        model.addAttribute("settlements", Settlement.values());
        model.addAttribute("creditTermsValues", CreditTerms.values());
        model.addAttribute("lifecycleStages", LifecycleStage.values());
        model.addAttribute("relationshipLevels", RelationshipLevel.values());
        model.addAttribute("genders", Gender.values());
        model.addAttribute("sources", new String[] {"WEBSITE", "REFERRAL", "EXHIBITION", "COLD_CALL", "ADVERTISING",
                "PARTNER", "WECHAT"});
    }
}
