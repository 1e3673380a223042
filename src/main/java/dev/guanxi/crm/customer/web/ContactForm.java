package dev.guanxi.crm.customer.web;

import dev.guanxi.crm.customer.internal.ContactData;

/** What the contact forms bind (mutable, so that any input is shown back as entered). */
public class ContactForm {

    private String name;
    private String title;
    private String role;
    private String phone;
    private String email;
    private boolean primary;
    private String notes;

    static ContactForm of(ContactData d) {
        ContactForm f = new ContactForm();
        f.name = d.name();
        f.title = d.title();
        f.role = d.role();
        f.phone = d.phone();
        f.email = d.email();
        f.primary = Boolean.TRUE.equals(d.primary());
        f.notes = d.notes();
        return f;
    }

    ContactData toData() {
        return new ContactData(name, title, role, phone, email, primary, notes).normalized();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getRole() { return role; }
    public void setRole(String role) { this.role = role; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public boolean isPrimary() { return primary; }
    public void setPrimary(boolean primary) { this.primary = primary; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
}
