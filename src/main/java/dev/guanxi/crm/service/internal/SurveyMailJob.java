package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.customer.CustomerDirectory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * E-mails survey invitations to customers, in the invitation's language, when mail is configured
 * ({@code spring.mail.host}). One instance at a time (ShedLock); rows are claimed with SKIP LOCKED so overlapping
 * runs never mail an invitation twice. Customers without an address are marked NO_ADDRESS (their link can be copied
 * from the survey list instead).
 */
@Component
public class SurveyMailJob {

    private static final Logger log = LoggerFactory.getLogger(SurveyMailJob.class);
    private static final int BATCH = 200;

    private final Surveys surveys;
    private final SurveyService service;
    private final CustomerDirectory customers;
    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final String host;
    private final String from;
    private final String baseUrl;
    private final ZoneId zone;

    SurveyMailJob(Surveys surveys, SurveyService service, CustomerDirectory customers,
                  ObjectProvider<JavaMailSender> sender, MessageSource messages,
                  @Value("${spring.mail.host:}") String host,
                  @Value("${guanxi.mail.from:crm@guanxi.local}") String from,
                  @Value("${guanxi.mail.base-url:http://localhost:8080}") String baseUrl,
                  @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.surveys = surveys;
        this.service = service;
        this.customers = customers;
        this.sender = sender;
        this.messages = messages;
        this.host = host;
        this.from = from;
        this.baseUrl = baseUrl;
        this.zone = zone;
    }

    @Scheduled(fixedDelayString = "${guanxi.surveys.mail-interval:PT1M}",
            initialDelayString = "${guanxi.surveys.mail-interval:PT1M}")
    @SchedulerLock(name = "survey-mail", lockAtLeastFor = "PT10S", lockAtMostFor = "PT10M")
    public void run() {
        int sent = mailPending();
        if (sent > 0) {
            log.info("E-mailed {} survey invitations", sent);
        }
    }

    /** Mails one batch of pending invitations; returns how many were sent. */
    @Transactional
    public int mailPending() {
        JavaMailSender mail = sender.getIfAvailable();
        if (host.isBlank() || mail == null) {
            return 0;
        }
        List<SurveyInvitation> pending = surveys.claimUnsent(BATCH);
        Map<Long, String> emails = customers.emails(pending.stream().map(SurveyInvitation::customerId).toList());
        Map<Long, String> names = customers.names(pending.stream().map(SurveyInvitation::customerId).toList());
        List<Long> sent = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        List<Long> noAddress = new ArrayList<>();
        for (SurveyInvitation i : pending) {
            String to = emails.get(i.customerId());
            if (to == null) {
                noAddress.add(i.id());
                continue;
            }
            try {
                mail.send(message(i, to, names.get(i.customerId())));
                sent.add(i.id());
            } catch (MailException e) {
                log.warn("Could not e-mail survey invitation {}: {}", i.id(), e.getMessage());
                failed.add(i.id());
            }
        }
        surveys.setMailStatus(sent, "SENT");
        surveys.setMailStatus(failed, "FAILED");
        surveys.setMailStatus(noAddress, "NO_ADDRESS");
        return sent.size();
    }

    private SimpleMailMessage message(SurveyInvitation i, String to, String name) {
        Locale locale = SurveyService.locale(i);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(messages.getMessage("survey.mail.subject." + i.kind(), null, locale));
        message.setText(messages.getMessage("survey.mail.text." + i.kind(), new Object[]{name == null ? "" : name,
                baseUrl + service.link(i), LocalDate.ofInstant(i.expiresAt(), zone).toString()}, locale));
        return message;
    }
}
