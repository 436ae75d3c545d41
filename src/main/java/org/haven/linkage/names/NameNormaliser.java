package org.haven.linkage.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.text.Transliterator;

/**
 * Turns a person's name as written (Khmer script, any romanisation, Thai, Burmese, Vietnamese with or without
 * diacritics) into matching keys. For every token it produces
 * <ul>
 * <li>{@code plain}: lower-case ASCII spelling (Khmer script transliterated), for "exact" agreement;</li>
 * <li>{@code key}: the romanisation-folded key — variant dictionary first (Sokh → sok, Chhoun → chhuon), then rules:
 * aspirates dropped (chh→ch, kh→k, th→t, ph→p), doubled letters collapsed, vowel spellings unified (ey/ay/ei/ai,
 * ou/uo/oo, ia/ie/ea, oeu/oe/eu, ao/au), final -h / -r after a vowel dropped. A final consonant or vowel is never
 * dropped, so Sovann/Sovanna, Vanna/Vannak and Sophea/Sopheap keep different keys.</li>
 * </ul>
 * Honorifics and titles (Lok, Lok Srey, Neak Neang, Kanha, Mr, Mrs, Daw, U …) are stripped when they lead a name.
 * Thread-safe after construction.
 */
public final class NameNormaliser {

    /** One normalised name token. {@code known}: the key is a name of the dictionary (no typo credit between two). */
    public record NameToken(String plain, String key, boolean khmer, boolean known) {
    }

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam",
            "mister", "mme", "mlle", "lok", "lork", "loksrey", "loksrei", "neakneang", "nakneang", "kanha", "kagna",
            "daw", "u", "mg", "maung", "ko", "naw", "saw", "khun", "nai", "nang", "nangsao", "ong", "ba", "anh", "chi");
    /** Khmer-script honorifics, longest first, stripped as prefixes. */
    private static final List<String> KHMER_TITLES = List.of("លោកស្រី", "អ្នកនាង", "កញ្ញា", "លោក");
    private static final Set<String> TWO_WORD_TITLES = Set.of("lok srey", "lok srei", "neak neang", "nak neang",
            "nang sao");

    private static volatile NameNormaliser standard;

    private final Map<String, String> latinVariants;
    private final Map<String, String> khmerNames;
    private final Set<String> knownKeys;
    private volatile Transliterator thai;
    private volatile Transliterator myanmar;
    private volatile Transliterator any;

    /**
     * @param latinVariants lower-case spelling (spaces removed) → canonical romanisation
     * @param khmerNames    Khmer script word → canonical romanisation
     */
    public NameNormaliser(Map<String, String> latinVariants, Map<String, String> khmerNames) {
        this.latinVariants = new HashMap<>();
        latinVariants.forEach((k, v) -> this.latinVariants.put(compact(k), compact(v)));
        this.khmerNames = new HashMap<>(khmerNames);
        this.knownKeys = new HashSet<>();
        this.latinVariants.values().forEach(v -> knownKeys.add(rules(v)));
        this.khmerNames.values().forEach(v -> knownKeys.add(fold(compact(v))));
    }

    /** The normaliser with the dictionary shipped in {@code linkage/name_variants.csv} and {@code kname_pairs.csv}. */
    public static NameNormaliser standard() {
        NameNormaliser s = standard;
        if (s == null) {
            synchronized (NameNormaliser.class) {
                if (standard == null) {
                    standard = load();
                }
                s = standard;
            }
        }
        return s;
    }

    private static NameNormaliser load() {
        Map<String, String> latin = new HashMap<>();
        Map<String, String> khmer = new HashMap<>();
        for (String[] row : readCsv("/linkage/name_variants.csv")) {
            if (row.length < 3 || row[0].equals("khmer") || row[1].equals("honorific")) {
                continue;
            }
            String canonical = row[2];
            khmer.put(row[0], canonical);
            latin.put(canonical, canonical);
            if (row.length > 3) {
                for (String v : row[3].split("\\|")) {
                    if (!v.isBlank()) {
                        latin.put(v, canonical);
                    }
                }
            }
        }
        for (String[] row : readCsv("/linkage/kname_pairs.csv")) {
            if (row.length < 3 || row[0].equals("khmer")) {
                continue;
            }
            khmer.putIfAbsent(row[0], row[2]);
            latin.putIfAbsent(row[2], row[2]);
        }
        return new NameNormaliser(latin, khmer);
    }

    private static List<String[]> readCsv(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = NameNormaliser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows.add(splitCsvLine(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String[] splitCsvLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().trim());
        return out.toArray(String[]::new);
    }

    /** The tokens of a name field, honorifics removed. Empty for a blank value. */
    public List<NameToken> tokens(String raw) {
        List<NameToken> out = new ArrayList<>(3);
        if (raw == null || raw.isBlank()) {
            return out;
        }
        String s = raw.replace("\u200B", " ").replace("\u200C", "").replace("\u200D", "").replace('\u00A0', ' ').trim();
        s = stripKhmerTitles(s);
        List<String> words = new ArrayList<>(4);
        List<Boolean> khmer = new ArrayList<>(4);
        int n = s.length();
        int pos = 0;
        while (pos < n) {
            while (pos < n && isSeparator(s.charAt(pos))) {
                pos++;
            }
            int start = pos;
            while (pos < n && !isSeparator(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                continue;
            }
            String part = s.substring(start, pos);
            if (containsKhmer(part)) {
                words.add(part);
                khmer.add(true);
            } else {
                String ascii = toAscii(part);
                int m = ascii.length();
                int j = 0;
                while (j < m) {
                    while (j < m && !isAsciiAlnum(ascii.charAt(j))) {
                        j++;
                    }
                    int from = j;
                    while (j < m && isAsciiAlnum(ascii.charAt(j))) {
                        j++;
                    }
                    if (from < j) {
                        words.add(ascii.substring(from, j));
                        khmer.add(false);
                    }
                }
            }
        }
        // leading titles, only while something remains
        while (words.size() > 1) {
            if (!khmer.get(0) && words.size() > 2 && TWO_WORD_TITLES.contains(words.get(0) + " " + words.get(1))) {
                words.subList(0, 2).clear();
                khmer.subList(0, 2).clear();
            } else if (!khmer.get(0) && TITLES.contains(words.get(0))) {
                words.remove(0);
                khmer.remove(0);
            } else {
                break;
            }
        }
        for (int i = 0; i < words.size(); i++) {
            out.add(token(words.get(i), khmer.get(i)));
        }
        return out;
    }

    private NameToken token(String word, boolean isKhmer) {
        if (isKhmer) {
            String known = khmerNames.get(word);
            if (known != null) {
                String c = compact(known);
                return new NameToken(c, fold(c), true, true);
            }
            String compound = khmerCompound(word);
            if (compound != null) {
                return new NameToken(compound, fold(compound), true, false);
            }
            String latin = KhmerTransliterator.transliterate(word);
            String key = fold(latin);
            return new NameToken(latin, key, true, knownKeys.contains(key));
        }
        String key = fold(word);
        return new NameToken(word, key, false, knownKeys.contains(key));
    }

    /**
     * A Khmer-script word that is two names of the dictionary written together (ស្រីមុំ = ស្រី + មុំ, common in
     * given names): the romanisations joined, or null.
     */
    private String khmerCompound(String word) {
        for (int i = 2; i <= word.length() - 2; i++) {
            String first = khmerNames.get(word.substring(0, i));
            if (first != null) {
                String second = khmerNames.get(word.substring(i));
                if (second != null) {
                    return compact(first) + compact(second);
                }
            }
        }
        return null;
    }

    /** Folded key of a whole name field: token keys joined without spaces (so Srey Mom = Sreymom). */
    public String key(String raw) {
        StringBuilder b = new StringBuilder();
        for (NameToken t : tokens(raw)) {
            b.append(t.key());
        }
        return b.toString();
    }

    /** True when two names are the same name after normalisation, in any token order. */
    public boolean sameName(String a, String b) {
        List<String> ka = new ArrayList<>();
        tokens(a).forEach(t -> ka.add(t.key()));
        List<String> kb = new ArrayList<>();
        tokens(b).forEach(t -> kb.add(t.key()));
        if (String.join("", ka).equals(String.join("", kb))) {
            return true;
        }
        ka.sort(null);
        kb.sort(null);
        return !ka.isEmpty() && ka.equals(kb);
    }

    /** Folds one lower-case ASCII token: dictionary, then rules. */
    public String fold(String token) {
        String canonical = latinVariants.get(token);
        if (canonical == null && token.length() >= 6) {
            canonical = latinCompound(token);
        }
        return rules(canonical != null ? canonical : token);
    }

    /**
     * A Latin token that is two spellings of the dictionary written together (Sokhdara = Sokh + Dara), each of at
     * least three letters: the canonical spellings joined, or null. Names that merely start like another
     * (Sovanna, Vannak, Sopheap) are not split, because their remainder is no name.
     */
    private String latinCompound(String token) {
        for (int i = 3; i <= token.length() - 3; i++) {
            String first = latinVariants.get(token.substring(0, i));
            if (first != null) {
                String second = latinVariants.get(token.substring(i));
                if (second != null) {
                    return first + second;
                }
            }
        }
        return null;
    }

    /**
     * A coarser key used only between a Khmer-script token and a Latin one: vowel runs reduced to one marker,
     * because the vowel a romaniser writes for a Khmer vowel varies most.
     */
    public static String skeleton(String key) {
        StringBuilder b = new StringBuilder(key.length());
        boolean inVowel = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean v = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' && i > 0;
            if (v) {
                if (!inVowel) {
                    b.append('a');
                }
            } else {
                b.append(c);
            }
            inVowel = v;
        }
        return b.toString();
    }

    public boolean isKnownKey(String key) {
        return knownKeys.contains(key);
    }

    static String rules(String s) {
        if (s.isEmpty()) {
            return s;
        }
        String t = s.replace('w', 'v').replace("j", "ch").replace("x", "s").replace("q", "k").replace('z', 's');
        t = t.replace("chh", "ch").replace("kh", "k").replace("th", "t").replace("ph", "p").replace("bh", "b")
                .replace("dh", "d").replace("gh", "g").replace("rh", "r");
        t = t.replace("oeu", "eu").replace("oe", "eu").replace("ao", "au").replace("ou", "u").replace("uo", "u")
                .replace("oo", "u").replace("ee", "i").replace("ia", "ea").replace("ie", "ea")
                .replace("ey", "ei").replace("ay", "ei").replace("ai", "ei");
        // y after a consonant or at the end is a vowel
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == 'y' && i > 0 && !isVowel(t.charAt(i - 1)) && (i + 1 == t.length() || !isVowel(t.charAt(i + 1)))) {
                c = 'i';
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) == c) {
                continue; // doubled letter
            }
            b.append(c);
        }
        int n = b.length();
        if (n > 2 && (b.charAt(n - 1) == 'h' || b.charAt(n - 1) == 'r') && isVowel(b.charAt(n - 2))) {
            b.setLength(n - 1);
        }
        return b.toString();
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '.' || c == '/' || c == '-' || c == '_' || c == '\''
                || c == '’' || c == '(' || c == ')' || c == '"';
    }

    private static boolean isAsciiAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    private static String compact(String s) {
        String a = toAscii(s);
        StringBuilder b = new StringBuilder(a.length());
        for (int i = 0; i < a.length(); i++) {
            if (isAsciiAlnum(a.charAt(i))) {
                b.append(a.charAt(i));
            }
        }
        return b.toString();
    }

    private static boolean containsKhmer(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (KhmerTransliterator.isKhmer(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String stripKhmerTitles(String s) {
        String t = s;
        boolean again = true;
        while (again) {
            again = false;
            for (String title : KHMER_TITLES) {
                if (t.startsWith(title) && t.length() > title.length()) {
                    String rest = t.substring(title.length()).trim();
                    if (!rest.isEmpty()) {
                        t = rest;
                        again = true;
                        break;
                    }
                }
            }
        }
        return t;
    }

    /** Lower-case ASCII: Latin diacritics removed (Vietnamese too); Thai and Burmese through ICU, then folded. */
    String toAsciiInstance(String s) {
        return toAscii(s);
    }

    static String toAscii(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return s.toLowerCase(Locale.ROOT);
        }
        String t = s;
        if (hasScript(t, 0x0E00, 0x0E7F)) {
            t = standard().thai().transliterate(t);
        } else if (hasScript(t, 0x1000, 0x109F)) {
            t = standard().myanmar().transliterate(t);
        } else if (hasNonLatinLetters(t)) {
            t = standard().any().transliterate(t);
        }
        t = t.replace('đ', 'd').replace('Đ', 'D').replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
                .replace("ł", "l").replace("ı", "i");
        t = Normalizer.normalize(t, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 128) {
                b.append(Character.toLowerCase(c));
            } else if (Character.getType(c) != Character.NON_SPACING_MARK && Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static boolean hasScript(String s, int from, int to) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= from && c <= to) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNonLatinLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x24F && Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    private Transliterator thai() {
        if (thai == null) {
            thai = Transliterator.getInstance("Thai-Latin; Latin-ASCII");
        }
        return thai;
    }

    private Transliterator myanmar() {
        if (myanmar == null) {
            myanmar = Transliterator.getInstance("Myanmar-Latin; Latin-ASCII");
        }
        return myanmar;
    }

    private Transliterator any() {
        if (any == null) {
            any = Transliterator.getInstance("Any-Latin; Latin-ASCII");
        }
        return any;
    }
}
