package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.TicketClosed;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Sends the CSAT survey when a ticket closes; a redelivered event finds the invitation there and does nothing. */
@Component
class SurveyOnTicketClosed {

    private final SurveyService surveys;

    SurveyOnTicketClosed(SurveyService surveys) {
        this.surveys = surveys;
    }

    @ApplicationModuleListener
    void on(TicketClosed closed) {
        surveys.invite(closed);
    }
}
