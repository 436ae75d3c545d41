package org.haven.referrals.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.haven.referrals.ReferralChanged;
import org.haven.security.Permission;
import org.haven.security.UserContacts;
import org.haven.security.UserContacts.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * E-mail notification of referral changes, the companion of the in-app notifications. Active only when the
 * installation has a mail server ({@code spring.mail.host} set: Spring Boot then provides a {@link JavaMailSender});
 * otherwise nothing is attempted. After the change's transaction commits, each enabled user of the notified
 * organisation who can act on the referral (REFERRAL_RECEIVE on the receiving side, REFERRAL_SEND on the referring
 * side) and has an e-mail address gets one short message in their language (English or Khmer) with the referral's
 * service(s), the change, its state and a link to {@code <haven.public-url>/referrals/<id>}.
 *
 * <p>The message carries no survivor data: no name, case code, age, sex or reason; the recipient signs in to see the
 * referral under the usual access rules. A failure to send is logged with the referral and user ids only (never the
 * address) and counted ({@code haven.referrals.emails{outcome=failed}}); it never undoes the change. No retry.
 */
@Component
class ReferralMailer {

    private static final Logger log = LoggerFactory.getLogger(ReferralMailer.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final UserContacts contacts;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final MeterRegistry meters;
    private final String publicUrl;
    private final String from;

    ReferralMailer(ObjectProvider<JavaMailSender> senders, UserContacts contacts, JdbcClient jdbc,
            MessageSource messages, MeterRegistry meters,
            @Value("${haven.public-url:http://localhost:8080}") String publicUrl,
            @Value("${haven.mail.from:haven@localhost}") String from) {
        this.senders = senders;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.messages = messages;
        this.meters = meters;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.from = from;
    }

    private record Referral(UUID fromOrg, UUID toOrg, List<String> services, String status) {
    }

    @ApplicationModuleListener
    void on(ReferralChanged change) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            return;
        }
        try {
            send(sender, change);
        } catch (RuntimeException e) {
            // never the exception's message: mail exceptions may quote addresses
            log.warn("e-mail notification of referral {} failed: {}", change.referralId(), e.getClass().getName());
            meters.counter("haven.referrals.emails", "outcome", "failed").increment();
        }
    }

    private void send(JavaMailSender sender, ReferralChanged change) {
        Referral r = jdbc.sql("select from_org_id, to_org_id, services, status from referral where id = ?")
                .param(change.referralId())
                .query((rs, n) -> new Referral(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        List.of((String[]) rs.getArray(3).getArray()), rs.getString(4)))
                .optional().orElse(null);
        if (r == null) {
            return;
        }
        Permission canAct = change.notifiedOrganisationId().equals(r.toOrg()) ? Permission.REFERRAL_RECEIVE
                : Permission.REFERRAL_SEND;
        int sent = 0;
        for (Contact to : contacts.withPermission(change.notifiedOrganisationId(), canAct)) {
            try {
                sender.send(message(sender, to, change, r));
                sent++;
                meters.counter("haven.referrals.emails", "outcome", "sent").increment();
            } catch (Exception e) {
                log.warn("e-mail notification of referral {} to user {} failed: {}", change.referralId(), to.userId(),
                        e.getClass().getName());
                meters.counter("haven.referrals.emails", "outcome", "failed").increment();
            }
        }
        if (sent > 0) {
            log.info("referral {} change {} e-mailed to {} user(s) of organisation {}", change.referralId(),
                    change.event(), sent, change.notifiedOrganisationId());
        }
    }

    private MimeMessage message(JavaMailSender sender, Contact to, ReferralChanged change, Referral r)
            throws jakarta.mail.MessagingException {
        Locale locale = "km".equals(to.language()) ? Locale.forLanguageTag("km") : Locale.ENGLISH;
        List<String> services = new ArrayList<>();
        for (String s : r.services()) {
            services.add(text("referrals.service." + s, s, locale));
        }
        String serviceList = String.join(", ", services);
        String event = text("referrals.event." + change.event(), change.event(), locale);
        String status = text("referrals.status." + r.status(), r.status(), locale);
        String link = publicUrl + "/referrals/" + change.referralId();
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
        helper.setFrom(from);
        helper.setTo(to.email());
        helper.setSubject(messages.getMessage("referrals.mail.subject", new Object[] {serviceList, status}, locale));
        helper.setText(messages.getMessage("referrals.mail.body", new Object[] {serviceList, event, status, link},
                locale));
        return mime;
    }

    private String text(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
