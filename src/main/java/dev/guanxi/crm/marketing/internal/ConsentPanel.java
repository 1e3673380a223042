package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.customer.CustomerPanel;
import dev.guanxi.crm.marketing.MessageChannel;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

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
    public int order() {
        return 30;
    }

    @Override
    public Optional<Panel> panel(long customerId) {
        java.util.Set<MessageChannel> optedOut = consents.optedOutChannels(customerId);
        List<Row> rows = java.util.Arrays.stream(MessageChannel.values())
                .map(c -> Row.keyed("message.channel." + c.name(),
                        optedOut.contains(c) ? "consent.state.opted-out" : "consent.state.allowed"))
                .toList();
        return Optional.of(new Panel("consent-panel", "consent.panel.title", rows, null, List.of(),
                "/marketing/consents/" + customerId, "consent.panel.more"));
    }
}
