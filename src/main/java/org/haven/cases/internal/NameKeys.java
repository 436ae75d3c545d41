package org.haven.cases.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
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
 * {@code k:} Khmer token, {@code kf:} Khmer whole name, and for a survivor (not a single name) {@code tp:} / {@code kp:}
 * for each pair of its Latin / Khmer token keys, so that a two-token query ("Sok Dara") is one index range instead of
 * an intersection of two (a common surname alone can hold thousands of entries). The pair keys are built over all the
 * survivor's names together, so a survivor holds a pair key exactly when it holds both token keys: using it changes
 * how fast a search is, never what it finds.
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
     * Every key a survivor with these names holds: the keys of each name, and a pair key for each pair of its token
     * keys of the same script (sorted, so name order does not matter).
     */
    public static Set<String> survivorKeys(Collection<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : names) {
            keys.addAll(keysOf(name));
        }
        keys.addAll(pairKeys(keys));
        return keys;
    }

    /** The pair keys of these token keys ({@code t:} with {@code t:}, {@code k:} with {@code k:}; others ignored). */
    public static Set<String> pairKeys(Collection<String> keys) {
        Set<String> pairs = new LinkedHashSet<>();
        addPairs(keys, "t:", "tp:", pairs);
        addPairs(keys, "k:", "kp:", pairs);
        return pairs;
    }

    private static void addPairs(Collection<String> keys, String tokenPrefix, String pairPrefix, Set<String> out) {
        List<String> tokens = keys.stream().filter(k -> k.startsWith(tokenPrefix))
                .map(k -> k.substring(tokenPrefix.length())).distinct().sorted().toList();
        for (int i = 0; i < tokens.size(); i++) {
            for (int j = i + 1; j < tokens.size(); j++) {
                out.add(pairPrefix + tokens.get(i) + "|" + tokens.get(j));
            }
        }
    }

    /**
     * Keys that a record must hold to match a query: the whole-name key matches on its own; otherwise every token
     * key must be present.
     */
    public record Query(String wholeKey, Set<String> tokenKeys) {

        /**
         * The query's token keys with the first two of one script replaced by their pair key (which a survivor holds
         * exactly when it holds both), or the token keys as they are when no two share a script.
         */
        public Set<String> withPair() {
            for (String prefix : List.of("t:", "k:")) {
                List<String> same = tokenKeys.stream().filter(k -> k.startsWith(prefix)).limit(2).toList();
                if (same.size() == 2) {
                    Set<String> out = new LinkedHashSet<>(pairKeys(same));
                    tokenKeys.stream().filter(k -> !same.contains(k)).forEach(out::add);
                    return out;
                }
            }
            return tokenKeys;
        }
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
