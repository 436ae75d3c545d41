package org.haven.referrals.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;

/** Form records of the referral pages (never bound onto stored rows) and error mapping. */
final class ReferralForms {

    private ReferralForms() {
    }

    record ReferralForm(UUID caseId, UUID toOrganisationId, List<String> services, String reason, String urgency,
            String overrideReason) {
        static ReferralForm forCase(UUID caseId) {
            return new ReferralForm(caseId, null, List.of(), "", "NORMAL", "");
        }
    }

    record ServiceForm(String serviceType, List<String> places, String languages, Integer minAge, Integer maxAge,
            List<String> sexes, String hours, String contact, Integer capacityTotal, Integer capacityFree) {
        static ServiceForm empty() {
            return new ServiceForm("", List.of(), "km", null, null, List.of(), "", "", null, null);
        }

        List<String> languageList() {
            return languages == null ? List.of() : List.of(languages.toLowerCase().split("[,\\s]+"));
        }
    }

    record DeliveryForm(String serviceType, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deliveredOn,
            String outcome) {
    }

    record StepForm(String status, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueOn,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate doneOn) {
    }

    static Map<String, String> errors(InvalidInput e) {
        return e.errors().stream().collect(Collectors.toMap(InvalidInput.FieldError::field,
                InvalidInput.FieldError::code, (a, b) -> a));
    }

    static Map<String, String> errors(Conflict e) {
        return Map.of("global", e.code());
    }
}
