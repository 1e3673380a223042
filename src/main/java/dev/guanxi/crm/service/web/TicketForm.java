package dev.guanxi.crm.service.web;

import dev.guanxi.crm.service.TicketChannel;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketType;
import dev.guanxi.crm.service.internal.Ticket;
import dev.guanxi.crm.service.internal.TicketData;

/** What the ticket form binds (mutable, so that input with type errors is shown back as entered). */
public class TicketForm {

    private TicketType type = TicketType.INQUIRY;
    private TicketChannel channel = TicketChannel.PHONE;
    private TicketPriority priority = TicketPriority.NORMAL;
    private Long customerId;
    private Long contactId;
    private String subject;
    private String description;
    private Long ownerId;
    private Long teamId;
    private Integer version;

    static TicketForm of(Ticket t) {
        TicketForm f = new TicketForm();
        f.type = t.type();
        f.channel = t.channel();
        f.priority = t.priority();
        f.customerId = t.customerId();
        f.contactId = t.contactId();
        f.subject = t.subject();
        f.description = t.description();
        f.ownerId = t.ownerId();
        f.teamId = t.teamId();
        f.version = t.version();
        return f;
    }

    TicketData toData() {
        return new TicketData(type, channel, priority, customerId, contactId, subject, description, ownerId, teamId);
    }

    public TicketType getType() { return type; }
    public void setType(TicketType type) { this.type = type; }
    public TicketChannel getChannel() { return channel; }
    public void setChannel(TicketChannel channel) { this.channel = channel; }
    public TicketPriority getPriority() { return priority; }
    public void setPriority(TicketPriority priority) { this.priority = priority; }
    public Long getCustomerId() { return customerId; }
    public void setCustomerId(Long customerId) { this.customerId = customerId; }
    public Long getContactId() { return contactId; }
    public void setContactId(Long contactId) { this.contactId = contactId; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public Long getTeamId() { return teamId; }
    public void setTeamId(Long teamId) { this.teamId = teamId; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
}
