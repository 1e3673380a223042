package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.UserAdministration.NewUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.List;

/** Administration of users and teams: create, assign team managers, disable, unlock. */
@Controller
@PreAuthorize("hasAuthority('MANAGE_USERS')")
class UserAdminPages {

    private final JdbcClient jdbc;
    private final JdbcUsers users;

    UserAdminPages(JdbcClient jdbc, JdbcUsers users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", new UserForm(null, null, null, Role.SALES_REP, null, null));
        }
        model.addAttribute("users", jdbc.sql("""
                        SELECT u.id, u.username, u.display_name, u.email, u.role, t.name, u.enabled, u.locked_until
                        FROM users u LEFT JOIN teams t ON t.id = u.team_id ORDER BY u.username""")
                .query((rs, n) -> new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Role.valueOf(rs.getString(5)), rs.getString(6), rs.getBoolean(7),
                        rs.getTimestamp(8) != null && rs.getTimestamp(8).toInstant().isAfter(Instant.now())))
                .list());
        model.addAttribute("teams", users.teams());
        model.addAttribute("managers", users.activeUsers().stream()
                .filter(u -> u.role() == Role.MANAGER || u.role() == Role.ADMIN).toList());
        model.addAttribute("roles", Role.values());
        return "identity/users";
    }

    @PostMapping("/admin/users")
    @Transactional
    String create(@Valid @ModelAttribute("userForm") UserForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        if (!binding.hasFieldErrors("username") && users.account(form.username(), null).isPresent()) {
            binding.rejectValue("username", "validation.username-taken");
        }
        if (form.teamId() != null && users.teams().stream().noneMatch(t -> t.id() == form.teamId())) {
            binding.rejectValue("teamId", "validation.team");
        }
        if (binding.hasErrors()) {
            return list(model);
        }
        users.createUser(new NewUser(form.username(), form.displayName(), form.email(), form.password(), form.role(),
                form.teamId()));
        redirect.addFlashAttribute("message", "users.created");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/teams")
    @Transactional
    String createTeam(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) Long managerId,
                      RedirectAttributes redirect) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            redirect.addFlashAttribute("error", "validation.team-name");
            return "redirect:/admin/users";
        }
        if (users.teams().stream().anyMatch(t -> t.name().equalsIgnoreCase(trimmed))) {
            redirect.addFlashAttribute("error", "validation.team-name-taken");
            return "redirect:/admin/users";
        }
        long teamId = users.createTeam(trimmed);
        if (managerId != null && users.find(managerId).isPresent()) {
            users.setTeamManager(teamId, managerId);
        }
        redirect.addFlashAttribute("message", "teams.created");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/teams/{id}/manager")
    @Transactional
    String setManager(@PathVariable long id, @RequestParam(required = false) Long managerId, RedirectAttributes redirect) {
        if (managerId == null || users.find(managerId).isEmpty()) {
            redirect.addFlashAttribute("error", "validation.manager");
        } else {
            users.setTeamManager(id, managerId);
            redirect.addFlashAttribute("message", "teams.updated");
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/unlock")
    @Transactional
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?").param(id).update();
        redirect.addFlashAttribute("message", "users.unlocked");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{id}/enabled")
    @Transactional
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        List<Long> admins = jdbc.sql("SELECT id FROM users WHERE role = 'ADMIN' AND enabled").query(Long.class).list();
        if (!enabled && admins.size() == 1 && admins.get(0) == id) {
            redirect.addFlashAttribute("error", "users.last-admin");
            return "redirect:/admin/users";
        }
        jdbc.sql("UPDATE users SET enabled = ? WHERE id = ?").params(enabled, id).update();
        jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL AND NOT ?")
                .params(id, enabled).update();
        redirect.addFlashAttribute("message", enabled ? "users.enabled" : "users.disabled");
        return "redirect:/admin/users";
    }
}
