package org.haven.security.crypto;

/**
 * Haven cannot get a usable master key (missing with an external database, malformed, or a key file with unsafe
 * permissions). The message says what to do and never contains key material. Reported at startup by
 * {@link MasterKeyFailureAnalyzer}.
 */
public class MasterKeyUnavailableException extends RuntimeException {

    public MasterKeyUnavailableException(String message) {
        super(message);
    }

    public MasterKeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
