package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.customer.CustomerPanel;
import dev.guanxi.crm.marketing.MessageChannel;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/** The opt-out card of the customer 360 page: per channel whether messages may be sent, linking to the consents. */
@Component
class ConsentPanel implements CustomerPanel {

    private final ConsentService consents;
    private final MessageSource messages;

    ConsentPanel(ConsentService consents, MessageSource messages) {
        this.consents = consents;
        this.messages = messages;
    }

    @Override
    public String titleKey() {
        return "consent.panel.title";
    }

    @Override
    public List<Row> rows(long customerId) {
        java.util.Set<MessageChannel> optedOut = consents.optedOutChannels(customerId);
        return java.util.Arrays.stream(MessageChannel.values())
                .map(c -> new Row("message.channel." + c.name(), messages.getMessage(
                        optedOut.contains(c) ? "consent.state.opted-out" : "consent.state.allowed", null,
                        LocaleContextHolder.getLocale())))
                .toList();
    }

    @Override
    public String link(long customerId) {
        return "/marketing/consents/" + customerId;
    }
}
