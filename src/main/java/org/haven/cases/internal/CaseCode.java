package org.haven.cases.internal;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Human-readable case codes that reveal nothing about the person: {@code HVN-} and eight Crockford base-32
 * characters (no I, L, O, U), the last a check character (weighted sum mod 31) that catches most single-character
 * typos when a code is read out on the phone. 35 random bits: collisions are possible over large numbers of cases,
 * so the column is unique and writers retry.
 */
public final class CaseCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom SECURE = new SecureRandom();

    private CaseCode() {
    }

    public static String next() {
        return next(SECURE);
    }

    public static String next(Random random) {
        char[] body = new char[7];
        for (int i = 0; i < body.length; i++) {
            body[i] = ALPHABET.charAt(random.nextInt(32));
        }
        String b = new String(body);
        return "HVN-" + b.substring(0, 4) + "-" + b.substring(4) + check(b);
    }

    public static boolean isValid(String code) {
        if (code == null) {
            return false;
        }
        String c = code.strip().toUpperCase();
        if (!c.matches("HVN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")) {
            return false;
        }
        String body = c.substring(4, 8) + c.substring(9, 12);
        return c.charAt(12) == check(body);
    }

    /** Looks like a case code (for routing a search query), valid or not. */
    public static boolean looksLikeCode(String text) {
        return text != null && text.strip().toUpperCase().matches("HVN-?[0-9A-Z]{4}-?[0-9A-Z]{0,4}");
    }

    static char check(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (i + 1) * ALPHABET.indexOf(body.charAt(i));
        }
        return ALPHABET.charAt(sum % 31);
    }
}
