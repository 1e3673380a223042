package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.identity.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The new-user form of the administration page. */
public record UserForm(
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "[A-Za-z0-9._-]{3,40}", message = "{validation.username}") String username,
        @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String displayName,
        @Email(message = "{validation.email}") String email,
        @NotNull(message = "{validation.required}") Role role,
        Long teamId,
        @NotBlank(message = "{validation.required}") @Size(min = 10, max = 100, message = "{validation.password}") String password) {
}
