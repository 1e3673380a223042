package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.sales.OrderStatus;
import dev.guanxi.crm.sales.PaymentMethod;
import dev.guanxi.crm.sales.internal.OrderDetail;
import dev.guanxi.crm.sales.internal.OrderDraft;
import dev.guanxi.crm.sales.internal.OrderQuery;
import dev.guanxi.crm.sales.internal.PaymentData;
import dev.guanxi.crm.sales.internal.ProductData;
import dev.guanxi.crm.sales.internal.ProductView;
import dev.guanxi.crm.sales.internal.SalesService;
import jakarta.servlet.http.HttpServletRequest;
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

import java.time.LocalDate;
import java.util.Map;
import java.util.function.BiConsumer;

/** Pages for orders, payments, receivables and the product catalogue. */
@Controller
@RequestMapping("/sales")
class SalesPages {

    static final int PAGE_SIZE = 25;
    static final int FORM_LINES = 5;

    private final SalesService sales;
    private final Validator validator;

    SalesPages(SalesService sales, Validator validator) {
        this.sales = sales;
        this.validator = validator;
    }

    @GetMapping({"", "/orders"})
    String orders(@ModelAttribute("query") OrderQuery query, BindingResult binding,
                  @RequestParam(defaultValue = "1") int page, HttpServletRequest request, Model model) {
        return list(query, binding, false, page, request, model);
    }

    @GetMapping("/receivables")
    String receivables(@ModelAttribute("query") OrderQuery query, BindingResult binding,
                       @RequestParam(defaultValue = "1") int page, HttpServletRequest request, Model model) {
        return list(query, binding, true, page, request, model);
    }

    private String list(OrderQuery query, BindingResult binding, boolean receivables, int page,
                        HttpServletRequest request, Model model) {
        OrderQuery q = binding.hasErrors() || query == null ? OrderQuery.empty() : query;
        model.addAttribute("filterError", binding.hasErrors());
        model.addAttribute("page", sales.search(q, receivables, Math.max(1, page), PAGE_SIZE));
        model.addAttribute("receivables", receivables);
        model.addAttribute("statuses", OrderStatus.values());
        String customerName = q.customerId() == null ? null : sales.visibleCustomerName(q.customerId());
        model.addAttribute("customerName", customerName);
        model.addAttribute("balance", receivables && customerName != null ? sales.customerBalance(q.customerId()) : null);
        String others = request.getQueryString() == null ? ""
                : request.getQueryString().replaceAll("(^|&)page=[^&]*", "").replaceFirst("^&", "");
        model.addAttribute("pageLink", request.getContextPath() + request.getServletPath() + "?" + others
                + (others.isEmpty() ? "" : "&") + "page=");
        return "sales/orders";
    }

    @GetMapping("/orders/new")
    String newOrder(@RequestParam(required = false) Long customerId, Model model) {
        require(Permission.SELL);
        return orderForm(OrderForm.forCustomer(customerId, FORM_LINES), model);
    }

    @PostMapping("/orders")
    String createOrder(@ModelAttribute("form") OrderForm form, BindingResult binding, Model model,
                       RedirectAttributes redirect) {
        form.compact();
        OrderDraft draft = form.toDraft();
        Forms.validate(validator, draft, binding);
        if (!binding.hasErrors()) {
            try {
                long id = sales.createOrder(draft);
                redirect.addFlashAttribute("message", "order.created");
                return "redirect:/sales/orders/" + id;
            } catch (InvalidInputException e) {
                for (FieldProblem p : e.problems()) {
                    binding.rejectValue(p.field(), p.messageKey());
                }
            }
        }
        form.padLines(FORM_LINES);
        return orderForm(form, model);
    }

    @GetMapping("/quotes")
    String quotes(@RequestParam(required = false) Long customerId, Model model) {
        model.addAttribute("quotes", sales.recentQuotes(customerId, 100));
        model.addAttribute("customerName", customerId == null ? null : sales.visibleCustomerName(customerId));
        return "sales/quotes";
    }

    @GetMapping("/quotes/new")
    String newQuote(@RequestParam(required = false) Long customerId, Model model) {
        require(Permission.SELL);
        model.addAttribute("quoteMode", true);
        return orderForm(OrderForm.forCustomer(customerId, FORM_LINES), model);
    }

    @PostMapping("/quotes")
    String createQuote(@ModelAttribute("form") OrderForm form, BindingResult binding,
                       @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(
                               iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate validUntil,
                       Model model, RedirectAttributes redirect) {
        form.compact();
        OrderDraft draft = form.toDraft();
        dev.guanxi.crm.sales.internal.QuoteDraft quote = new dev.guanxi.crm.sales.internal.QuoteDraft(
                draft.customerId(), null, validUntil, draft.notes(), draft.lines());
        Forms.validate(validator, quote, binding);
        if (!binding.hasErrors()) {
            try {
                long id = sales.createQuote(quote);
                redirect.addFlashAttribute("message", "quote.created");
                return "redirect:/sales/quotes/" + id;
            } catch (InvalidInputException e) {
                for (FieldProblem p : e.problems()) {
                    binding.rejectValue(p.field(), p.messageKey());
                }
            }
        }
        form.padLines(FORM_LINES);
        model.addAttribute("quoteMode", true);
        return orderForm(form, model);
    }

    @GetMapping("/quotes/{id}")
    String quote(@PathVariable long id, Model model) {
        model.addAttribute("q", sales.quote(id));
        model.addAttribute("canSell", CurrentUser.get().can(Permission.SELL));
        model.addAttribute("today", LocalDate.now());
        return "sales/quote";
    }

    @PostMapping("/quotes/{id}/{action:send|accept|reject}")
    String quoteAction(@PathVariable long id, @PathVariable String action, @RequestParam int version,
                       RedirectAttributes redirect) {
        try {
            switch (action) {
                case "send" -> sales.sendQuote(id, version);
                case "accept" -> {
                    long orderId = sales.acceptQuote(id, version);
                    redirect.addFlashAttribute("message", "quote.accepted");
                    return "redirect:/sales/orders/" + orderId;
                }
                default -> sales.rejectQuote(id, version);
            }
            redirect.addFlashAttribute("message", "quote.action." + action);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        }
        return "redirect:/sales/quotes/" + id;
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable long id, Model model) {
        OrderDetail order = sales.detail(id);
        model.addAttribute("o", order);
        model.addAttribute("methods", PaymentMethod.values());
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("canSell", CurrentUser.get().can(Permission.SELL));
        if (!model.containsAttribute("payment")) {
            PaymentForm payment = new PaymentForm();
            payment.setAmount(order.balance().signum() > 0 ? order.balance() : null);
            model.addAttribute("payment", payment);
        }
        return "sales/order";
    }

    @PostMapping("/orders/{id}/{action:confirm|ship|deliver|complete|cancel}")
    String transition(@PathVariable long id, @PathVariable String action, @RequestParam int version,
                      RedirectAttributes redirect) {
        Map<String, BiConsumer<Long, Integer>> steps = Map.of("confirm", sales::confirm, "ship", sales::ship,
                "deliver", sales::deliver, "complete", sales::complete, "cancel", sales::cancel);
        try {
            steps.get(action).accept(id, version);
            redirect.addFlashAttribute("message", "order.action." + action);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        }
        return "redirect:/sales/orders/" + id;
    }

    @PostMapping("/orders/{id}/payments")
    String pay(@PathVariable long id, @ModelAttribute("payment") PaymentForm payment, BindingResult binding,
               Model model, RedirectAttributes redirect) {
        PaymentData data = payment.toData();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                sales.recordPayment(id, data);
                redirect.addFlashAttribute("message", "payment.recorded");
                return "redirect:/sales/orders/" + id;
            } catch (ConflictException e) {
                model.addAttribute("errorText", e.getMessage());
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), null));
            }
        }
        return order(id, model);
    }

    @GetMapping("/products")
    String products(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
                    Model model) {
        model.addAttribute("products", sales.products(q, false, Math.max(1, page), 100));
        model.addAttribute("q", q);
        if (!model.containsAttribute("productForm")) {
            model.addAttribute("productForm", new ProductForm());
        }
        model.addAttribute("canManage", CurrentUser.get().can(Permission.MANAGE_PRODUCTS));
        return "sales/products";
    }

    @PostMapping("/products")
    String createProduct(@ModelAttribute("productForm") ProductForm form, BindingResult binding, Model model,
                         RedirectAttributes redirect) {
        require(Permission.MANAGE_PRODUCTS);
        if (saveProduct(form, binding, null, 0)) {
            redirect.addFlashAttribute("message", "product.created");
            return "redirect:/sales/products";
        }
        return products(null, 1, model);
    }

    @GetMapping("/products/{id}/edit")
    String editProduct(@PathVariable long id, Model model) {
        require(Permission.MANAGE_PRODUCTS);
        ProductView p = sales.product(id);
        model.addAttribute("productForm", ProductForm.of(p.data()));
        model.addAttribute("product", p);
        model.addAttribute("tierPrices", sales.tierPrices(id));
        model.addAttribute("tiers", dev.guanxi.crm.customer.ValueTier.values());
        return "sales/product-form";
    }

    @PostMapping("/products/{id}")
    String updateProduct(@PathVariable long id, @ModelAttribute("productForm") ProductForm form, BindingResult binding,
                         @RequestParam int version, Model model, RedirectAttributes redirect) {
        require(Permission.MANAGE_PRODUCTS);
        if (saveProduct(form, binding, id, version)) {
            redirect.addFlashAttribute("message", "product.updated");
            return "redirect:/sales/products";
        }
        model.addAttribute("product", sales.product(id));
        model.addAttribute("tierPrices", sales.tierPrices(id));
        model.addAttribute("tiers", dev.guanxi.crm.customer.ValueTier.values());
        return "sales/product-form";
    }

    @PostMapping("/products/{id}/tier-prices")
    String setTierPrices(@PathVariable long id, @RequestParam java.util.Map<String, String> params,
                         RedirectAttributes redirect) {
        require(Permission.MANAGE_PRODUCTS);
        java.util.Map<String, java.math.BigDecimal> prices = new java.util.TreeMap<>();
        for (dev.guanxi.crm.customer.ValueTier tier : dev.guanxi.crm.customer.ValueTier.values()) {
            String value = params.get(tier.name());
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                prices.put(tier.name(), new java.math.BigDecimal(value.strip()));
            } catch (NumberFormatException e) {
                redirect.addFlashAttribute("error", "product.tier-prices-invalid");
                return "redirect:/sales/products/" + id + "/edit";
            }
        }
        try {
            sales.setTierPrices(id, prices);
            redirect.addFlashAttribute("message", "product.tier-prices-saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "product.tier-prices-invalid");
        }
        return "redirect:/sales/products/" + id + "/edit";
    }

    private boolean saveProduct(ProductForm form, BindingResult binding, Long id, int version) {
        ProductData data = form.toData();
        Forms.validate(validator, data, binding);
        if (binding.hasErrors()) {
            return false;
        }
        try {
            if (id == null) {
                sales.createProduct(data);
            } else {
                sales.updateProduct(id, version, data);
            }
            return true;
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey()));
        } catch (ConflictException e) {
            binding.reject("customer.conflict");
        }
        return false;
    }

    private String orderForm(OrderForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("catalogue", sales.products(null, true, 1, 200));
        String customerName = null;
        if (form.getCustomerId() != null) {
            customerName = sales.visibleCustomerName(form.getCustomerId());
        }
        model.addAttribute("customerName", customerName);
        return "sales/order-form";
    }

    private static void require(Permission permission) {
        if (!CurrentUser.get().can(permission)) {
            throw new org.springframework.security.access.AccessDeniedException("missing " + permission);
        }
    }

}
