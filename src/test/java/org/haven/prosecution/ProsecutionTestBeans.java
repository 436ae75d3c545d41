package org.haven.prosecution;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;


import org.haven.prosecution.internal.VictimDirectory;
import org.haven.security.OrganisationType;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A stand-in for what the cases module will answer once its consent API is on main: a directory of survivor cases
 * with their consent for legal proceedings. A real implementation with real behaviour, not a mock.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProsecutionTestBeans {

    /** Survivor cases known to the test, and which organisations their legal-proceedings consent covers. */
    public static final class TestCases implements VictimDirectory {

        private final Map<UUID, CaseParty> cases = new ConcurrentHashMap<>();
        private final Map<UUID, Set<UUID>> consent = new ConcurrentHashMap<>();

        /** A new case of this organisation with this caseworker; consent covers the listed organisations. */
        public UUID aCase(UUID organisationId, UUID caseworkerId, UUID... consentCovers) {
            UUID id = UUID.randomUUID();
            cases.put(id, new CaseParty(id, organisationId, caseworkerId));
            consent.put(id, ConcurrentHashMap.newKeySet());
            for (UUID o : consentCovers) {
                consent.get(id).add(o);
            }
            return id;
        }

        public void grant(UUID caseId, UUID organisationId) {
            consent.get(caseId).add(organisationId);
        }

        public void revoke(UUID caseId, UUID organisationId) {
            consent.get(caseId).remove(organisationId);
        }

        @Override
        public Optional<CaseParty> find(UUID caseId) {
            return Optional.ofNullable(cases.get(caseId));
        }

        @Override
        public boolean legalProceedingsConsent(UUID caseId, UUID recipientOrganisationId, OrganisationType type,
                LocalDate on) {
            return consent.getOrDefault(caseId, Set.of()).contains(recipientOrganisationId);
        }
    }

    @Bean
    @Primary
    TestCases testCases() {
        return new TestCases();
    }
}
