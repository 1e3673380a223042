package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.marketing.internal.ConsentService;
import dev.guanxi.crm.marketing.internal.UnsubscribeTokens;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.Optional;

/**
 * The public unsubscribe page (no login): the link in every e-mail opens a page with one button; mail clients
 * that support one-click unsubscribe (List-Unsubscribe-Post) POST to the same address directly. A token whose
 * signature does not match is a 404.
 */
@Controller
class UnsubscribePages {

    private final UnsubscribeTokens tokens;
    private final ConsentService consents;

    UnsubscribePages(UnsubscribeTokens tokens, ConsentService consents) {
        this.tokens = tokens;
        this.consents = consents;
    }

    @GetMapping("/u/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<UnsubscribeTokens.Subject> subject = tokens.verify(token);
        if (subject.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "marketing/unsubscribe-invalid";
        }
        model.addAttribute("token", token);
        model.addAttribute("channel", subject.get().channel());
        return "marketing/unsubscribe";
    }

    @PostMapping("/u/{token}")
    String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<UnsubscribeTokens.Subject> subject = tokens.verify(token);
        if (subject.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "marketing/unsubscribe-invalid";
        }
        consents.unsubscribe(subject.get().customerId(), subject.get().channel());
        model.addAttribute("channel", subject.get().channel());
        return "marketing/unsubscribe-done";
    }
}
