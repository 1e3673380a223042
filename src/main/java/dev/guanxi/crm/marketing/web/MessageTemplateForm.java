package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.marketing.MessageChannel;
import dev.guanxi.crm.marketing.internal.MessageTemplates;

/** What the message template form binds. */
public class MessageTemplateForm {

    private String name;
    private MessageChannel channel = MessageChannel.EMAIL;
    private String subject;
    private String body;
    private int version;

    static MessageTemplateForm of(MessageTemplates.MessageTemplate t) {
        MessageTemplateForm f = new MessageTemplateForm();
        f.name = t.name();
        f.channel = t.channel();
        f.subject = t.subject();
        f.body = t.body();
        f.version = t.version();
        return f;
    }

    MessageTemplates.MessageTemplateData toData() {
        return new MessageTemplates.MessageTemplateData(name, channel, subject, body);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public MessageChannel getChannel() { return channel; }
    public void setChannel(MessageChannel channel) { this.channel = channel; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
