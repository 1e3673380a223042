package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.sales.internal.LeadData;

/** What the lead form binds. */
public class LeadForm {

    private String name;
    private String company;
    private String title;
    private String phone;
    private String email;
    private String source;
    private String notes;
    private Long ownerId;

    LeadData toData() {
        return new LeadData(name, company, title, phone, email, source, notes, ownerId).normalized();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCompany() { return company; }
    public void setCompany(String company) { this.company = company; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
}
