package org.haven.security.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or bad master key into Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack
 * trace, so the operator's first sight is the instruction. Registered in {@code META-INF/spring.factories}.
 */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Provide the master key as HAVEN_MASTER_KEY (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)"
                        + " or, for the embedded database only, let Haven keep it in <haven.data-dir>/master.key."
                        + " See docs/operations.md, section Keys.", cause);
    }
}
