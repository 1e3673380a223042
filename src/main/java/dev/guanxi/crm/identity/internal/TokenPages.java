package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's API tokens: create (shown once), list, revoke. */
@Controller
class TokenPages {

    private final ApiTokens tokens;

    TokenPages(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/account/tokens")
    String list(Model model) {
        model.addAttribute("tokens", tokens.list(CurrentUser.get().id()));
        return "identity/tokens";
    }

    @PostMapping("/account/tokens")
    String create(@RequestParam(defaultValue = "") String name, Model model, RedirectAttributes redirect) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            model.addAttribute("nameError", "validation.token-name");
            model.addAttribute("tokens", tokens.list(CurrentUser.get().id()));
            model.addAttribute("name", name);
            return "identity/tokens";
        }
        ApiTokens.Created created = tokens.create(CurrentUser.get().id(), trimmed);
        redirect.addFlashAttribute("newToken", created.token());
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", tokens.revoke(CurrentUser.get().id(), id) ? "tokens.revoked" : "tokens.not-found");
        return "redirect:/account/tokens";
    }
}
