package dev.guanxi.crm.identity.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the signed-in user may do, for templates: {@code th:if="${@access.has('SELL')}"}. The Thymeleaf security
 * dialect's {@code sec:authorize} parses its Spring Security expression and builds an evaluation context on every
 * use (about 6 % of the CPU of a customer 360 page for its five buttons); these read the authorities directly.
 */
@Component("access")
public class Access {

    /** Whether someone is signed in (not the anonymous user). */
    public boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }

    /** Whether the signed-in user holds the authority (a permission such as SELL, or ROLE_ADMIN). */
    public boolean has(String authority) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !signedIn()) {
            return false;
        }
        for (GrantedAuthority granted : auth.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the signed-in user has one of the roles (ADMIN, MANAGER, …). */
    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (has("ROLE_" + role)) {
                return true;
            }
        }
        return false;
    }
}
