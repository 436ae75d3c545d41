package org.haven.security.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesPasswordsShorterThanTwelveCharacters() {
        assertThat(policy.problems("Xk4!pQ9#zL2")).containsExactly("password.tooShort");
        assertThat(policy.problems(null)).containsExactly("password.tooShort");
    }

    @Test
    void refusesCommonPasswordsFromTheZxcvbnList() {
        // both are in zxcvbn4j's passwords.txt and long enough to pass the length rule
        assertThat(policy.problems("qwerty123456")).containsExactly("password.common");
        assertThat(policy.problems("1qaz2wsx3edc")).containsExactly("password.common");
        assertThat(policy.problems("QWERTY123456")).containsExactly("password.common");
    }

    @Test
    void refusesGuessablePasswordsAndTheUsername() {
        assertThat(policy.problems("passwordpassword")).isNotEmpty();
        assertThat(policy.problems("aaaaaaaaaaaaaaaa")).containsExactly("password.guessable");
        assertThat(policy.problems("shelter.caseworker1", "shelter.caseworker")).containsExactly("password.guessable");
    }

    @Test
    void acceptsALongUnusualPassphrase() {
        assertThat(policy.problems("violet tractor monsoon ledger")).isEmpty();
        assertThat(policy.problems("Synthetic-Test-Pass-4821!")).isEmpty();
    }

    @Test
    void refusesAbsurdlyLongPasswords() {
        assertThat(policy.problems("x".repeat(129))).containsExactly("password.tooLong");
    }
}
