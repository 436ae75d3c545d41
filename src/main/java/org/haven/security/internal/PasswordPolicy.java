package org.haven.security.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.Zxcvbn;
import org.haven.shared.web.InvalidInput;
import org.springframework.stereotype.Component;

/**
 * What a new password must satisfy: at least {@value #MIN_LENGTH} characters (no composition rules, as NIST
 * SP 800-63B and OWASP ASVS V6.2 advise), at most {@value #MAX_LENGTH} (Argon2 cost stays bounded), not one of the
 * 30,000 most common passwords, and not easy to guess by the zxcvbn estimator (score below 3, that is fewer than
 * 10^8 guesses, counting the username and display name as known words).
 *
 * <p>The common-password list is {@code passwords.txt} shipped inside the {@code com.nulab-inc:zxcvbn} jar (zxcvbn4j,
 * MIT licence), a port of Dropbox's zxcvbn list: the 30,000 most frequent passwords of leaked-password corpora
 * (Xato's 10 million passwords). We read it from the jar through {@link StandardDictionaries}, so no copy lives in
 * this repository.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final int MIN_SCORE = 3;

    private final Set<String> common;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordPolicy() {
        try {
            common = new HashSet<>(StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies());
        } catch (IOException e) {
            throw new IllegalStateException("common-password list missing from the zxcvbn jar", e);
        }
    }

    /** Message codes ({@code i18n/security}) of every rule the password breaks; empty if it is acceptable. */
    public List<String> problems(String password, String... knownWords) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add("password.tooShort");
            return problems;
        }
        if (password.length() > MAX_LENGTH) {
            problems.add("password.tooLong");
            return problems;
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            problems.add("password.common");
            return problems;
        }
        List<String> words = new ArrayList<>();
        for (String w : knownWords) {
            if (w != null && !w.isBlank()) {
                words.add(w);
            }
        }
        if (zxcvbn.measure(password, words).getScore() < MIN_SCORE) {
            problems.add("password.guessable");
        }
        return problems;
    }

    /** Throws {@link InvalidInput} on {@code field} if the password is not acceptable. */
    public void check(String field, String password, String... knownWords) {
        List<String> problems = problems(password, knownWords);
        if (!problems.isEmpty()) {
            throw InvalidInput.of(field, problems.get(0), english(problems.get(0)));
        }
    }

    private static String english(String code) {
        return switch (code) {
            case "password.tooShort" -> "The password must have at least " + MIN_LENGTH + " characters.";
            case "password.tooLong" -> "The password must have at most " + MAX_LENGTH + " characters.";
            case "password.common" -> "This password is one of the most commonly used passwords. Choose another.";
            default -> "This password is too easy to guess. Use a longer phrase of unrelated words.";
        };
    }
}
