package dev.guanxi.crm.activity.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** Where the signed-in user's notifications are e-mailed; empty for none. */
public class NotificationEmailForm {

    @Email(message = "{validation.email}")
    @Size(max = 254, message = "{validation.size.max}")
    private String email;

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
}
