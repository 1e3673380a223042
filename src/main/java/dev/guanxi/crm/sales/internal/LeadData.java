package dev.guanxi.crm.sales.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The editable fields of a lead. */
public record LeadData(
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        @Size(max = 200, message = "{validation.size.max}") String company,
        @Size(max = 100, message = "{validation.size.max}") String title,
        @Pattern(regexp = "^$|^[+0-9 ()\\-]{5,30}$", message = "{validation.phone}") String phone,
        @Email(message = "{validation.email}") @Size(max = 200, message = "{validation.size.max}") String email,
        @Size(max = 50, message = "{validation.size.max}") String source,
        @Size(max = 2000, message = "{validation.size.max}") String notes,
        Long ownerId) {

    public LeadData normalized() {
        return new LeadData(trim(name), trim(company), trim(title), trim(phone),
                email == null || email.isBlank() ? null : email.strip().toLowerCase(), trim(source), trim(notes), ownerId);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
