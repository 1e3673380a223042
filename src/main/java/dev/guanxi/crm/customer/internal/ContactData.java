package dev.guanxi.crm.customer.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The editable fields of a contact person of a customer. */
public record ContactData(
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        @Size(max = 100, message = "{validation.size.max}") String title,
        @Size(max = 100, message = "{validation.size.max}") String role,
        @Pattern(regexp = "^$|^[+0-9 ()\\-]{5,30}$", message = "{validation.phone}") String phone,
        @Email(message = "{validation.email}") @Size(max = 200, message = "{validation.size.max}") String email,
        Boolean primary,
        @Size(max = 2000, message = "{validation.size.max}") String notes) {

    /** Blank strings become null (an empty phone is no phone), e-mail lower case, primary never null. */
    public ContactData normalized() {
        return new ContactData(trim(name), trim(title), trim(role), trim(phone),
                email == null || email.isBlank() ? null : email.strip().toLowerCase(), Boolean.TRUE.equals(primary), trim(notes));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
