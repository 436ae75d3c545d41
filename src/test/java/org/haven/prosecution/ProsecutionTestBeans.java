package org.haven.prosecution;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.haven.prosecution.internal.IdentitySealer;
import org.haven.prosecution.internal.VictimDirectory;
import org.haven.security.OrganisationType;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stand-ins for what other modules will answer, until their APIs are on main: a directory of survivor cases with
 * their consent for legal proceedings (cases module) and AES-GCM sealing with a per-run key (security module's
 * FieldEncryption). Both are real implementations with real behaviour, not mocks.
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

    static final class TestSealer implements IdentitySealer {

        private final SecureRandom random = new SecureRandom();
        private final byte[] indexKey = new byte[32];
        private final Map<UUID, byte[]> keys = new ConcurrentHashMap<>();

        TestSealer() {
            random.nextBytes(indexKey);
        }

        private SecretKeySpec key(UUID org) {
            return new SecretKeySpec(keys.computeIfAbsent(org, o -> {
                byte[] k = new byte[32];
                random.nextBytes(k);
                return k;
            }), "AES");
        }

        @Override
        public byte[] seal(UUID organisationId, String plaintext) {
            try {
                byte[] iv = new byte[12];
                random.nextBytes(iv);
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key(organisationId), new GCMParameterSpec(128, iv));
                byte[] ct = c.doFinal(plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                byte[] out = new byte[12 + ct.length];
                System.arraycopy(iv, 0, out, 0, 12);
                System.arraycopy(ct, 0, out, 12, ct.length);
                return out;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String open(UUID organisationId, byte[] sealed) {
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, key(organisationId), new GCMParameterSpec(128, sealed, 0, 12));
                return new String(c.doFinal(sealed, 12, sealed.length - 12), java.nio.charset.StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String blindIndex(String domain, String normalisedValue) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(indexKey, "HmacSHA256"));
                return java.util.HexFormat.of().formatHex(mac.doFinal((domain + "\u0000" + normalisedValue)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Bean
    @Primary
    TestCases testCases() {
        return new TestCases();
    }

    @Bean
    @Primary
    IdentitySealer testSealer() {
        return new TestSealer();
    }
}
