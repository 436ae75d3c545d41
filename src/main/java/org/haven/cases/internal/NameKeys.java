package org.haven.cases.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns names into the plaintext keys that are HMAC-ed into blind indexes (the HMAC happens in FieldEncryption; these
 * keys never reach the database). Romanised Khmer names are spelt many ways (Sokha / Sokhar / Sokkha, Chhay / Chay,
 * Phal / Pal), so Latin tokens are folded: lower case, diacritics stripped, aspirates folded (kh→k, ch→c, th→t,
 * ph→p), doubled letters collapsed. Khmer-script tokens are kept as they are (NFC). Keys carry a prefix per kind:
 * {@code t:} folded Latin token, {@code f:} folded whole name with spaces removed (so "Sok Ha" meets "Sokha"),
 * {@code k:} Khmer token, {@code kf:} Khmer whole name.
 */
public final class NameKeys {

    private NameKeys() {
    }

    /** Keys of one name (any number of tokens, Latin or Khmer script). */
    public static Set<String> keysOf(String name) {
        Set<String> keys = new LinkedHashSet<>();
        if (name == null || name.isBlank()) {
            return keys;
        }
        List<String> tokens = tokens(name);
        StringBuilder latinWhole = new StringBuilder();
        StringBuilder khmerWhole = new StringBuilder();
        for (String t : tokens) {
            if (isKhmer(t)) {
                keys.add("k:" + t);
                khmerWhole.append(t);
            } else {
                String f = fold(t);
                if (!f.isEmpty()) {
                    keys.add("t:" + f);
                    latinWhole.append(t);
                }
            }
        }
        if (latinWhole.length() > 0) {
            keys.add("f:" + fold(latinWhole.toString()));
        }
        if (khmerWhole.length() > 0) {
            keys.add("kf:" + khmerWhole);
        }
        return keys;
    }

    /**
     * Keys that a record must hold to match a query: the whole-name key matches on its own; otherwise every token
     * key must be present.
     */
    public record Query(String wholeKey, Set<String> tokenKeys) {
    }

    public static Query query(String text) {
        Set<String> keys = keysOf(text);
        String whole = keys.stream().filter(k -> k.startsWith("f:") || k.startsWith("kf:")).findFirst().orElse(null);
        Set<String> tokens = new LinkedHashSet<>();
        keys.stream().filter(k -> k.startsWith("t:") || k.startsWith("k:")).forEach(tokens::add);
        return new Query(whole, tokens);
    }

    static List<String> tokens(String name) {
        String nfc = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
        List<String> out = new ArrayList<>();
        for (String t : nfc.split("[\\s\\-_.,'’\u200B]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static boolean isKhmer(String token) {
        return token.codePoints().anyMatch(c -> (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF));
    }

    /** Folded form of one Latin token. */
    public static String fold(String token) {
        String s = Normalizer.normalize(token, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        s = collapse(s);
        s = s.replace("kh", "k").replace("ch", "c").replace("th", "t").replace("ph", "p");
        return collapse(s);
    }

    private static String collapse(String s) {
        return s.replaceAll("(.)\\1+", "$1");
    }
}
