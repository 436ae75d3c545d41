package org.haven.linkage.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.haven.linkage.engine.PreparedRecord.NamePart;
import org.haven.linkage.names.NameNormaliser;
import org.haven.linkage.names.NameNormaliser.NameToken;

/** Normalises input records into {@link PreparedRecord}s; caches name normalisation (names repeat a lot). */
public final class RecordPreparer {

    private final NameNormaliser names;
    private final boolean useFullName;
    private final Map<String, List<NameToken>> cache = new ConcurrentHashMap<>();

    /**
     * @param useFullName true when the full name is compared as a token set (no given/family attribute mapped)
     */
    public RecordPreparer(NameNormaliser names, boolean useFullName) {
        this.names = names;
        this.useFullName = useFullName;
    }

    public PreparedRecord prepare(InputRecord r) {
        NamePart given = null;
        NamePart family = null;
        List<NamePart> full = null;
        if (useFullName) {
            List<NameToken> tokens = tokens(r.get(Attribute.FULL_NAME));
            if (!tokens.isEmpty()) {
                full = new ArrayList<>(tokens.size());
                for (NameToken t : tokens) {
                    full.add(part(List.of(t)));
                }
            }
        } else {
            List<NameToken> g = tokens(r.get(Attribute.GIVEN_NAME));
            List<NameToken> f = tokens(r.get(Attribute.FAMILY_NAME));
            if (g.isEmpty() && f.isEmpty()) {
                // fall back to a mapped full name: Khmer order, family name first
                List<NameToken> all = tokens(r.get(Attribute.FULL_NAME));
                if (all.size() == 1) {
                    g = all;
                } else if (all.size() > 1) {
                    f = all.subList(0, 1);
                    g = all.subList(1, all.size());
                }
            }
            given = g.isEmpty() ? null : part(g);
            family = f.isEmpty() ? null : part(f);
        }
        return new PreparedRecord(r.id(), r.source(), given, family, full, r.birth(), sex(r.get(Attribute.SEX)),
                phone(r.get(Attribute.PHONE)), idNumber(r.get(Attribute.ID_NUMBER)), text(r.get(Attribute.ADDRESS)),
                place(r.get(Attribute.LOCALITY)), idNumber(r.get(Attribute.POSTCODE)), place(r.get(Attribute.REGION)),
                place(r.get(Attribute.COUNTRY)));
    }

    private List<NameToken> tokens(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return cache.computeIfAbsent(raw, names::tokens);
    }

    private static NamePart part(List<NameToken> tokens) {
        StringBuilder plain = new StringBuilder();
        StringBuilder key = new StringBuilder();
        boolean khmer = false;
        boolean known = true;
        for (NameToken t : tokens) {
            plain.append(t.plain());
            key.append(t.key());
            khmer |= t.khmer();
            known &= t.known();
        }
        String k = key.toString();
        return new NamePart(plain.toString(), k, NameNormaliser.skeleton(k), khmer, known);
    }

    static String sex(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("m") || s.equals("1") || s.startsWith("h") || s.equals("ប្រុស") || s.startsWith("boy")) {
            return "m";
        }
        if (s.startsWith("f") || s.startsWith("w") || s.equals("2") || s.equals("ស្រី") || s.startsWith("girl")) {
            return "f";
        }
        return s;
    }

    static String phone(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int v = Character.digit(c, 10);
            if (v >= 0) {
                d.append((char) ('0' + v));
            }
        }
        if (d.length() < 5) {
            return null;
        }
        return d.length() > 8 ? d.substring(d.length() - 8) : d.toString();
    }

    static String idNumber(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder d = new StringBuilder();
        String s = raw.toUpperCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int v = Character.digit(c, 10);
                d.append(v >= 0 ? (char) ('0' + v) : c);
            }
        }
        return d.length() == 0 ? null : d.toString();
    }

    String text(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (NameToken t : tokens(raw)) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(t.plain());
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Places: folded like names (Khmer script transliterated), words joined, so "Phnum Penh" = "Phnom Penh". */
    String place(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim().replace("\u200B", "");
        for (String prefix : KHMER_PLACE_PREFIXES) {
            if (trimmed.startsWith(prefix) && trimmed.length() > prefix.length()) {
                trimmed = trimmed.substring(prefix.length()).trim();
                break;
            }
        }
        String known = trimmed.isEmpty() || !hasKhmer(trimmed) ? null : Gazetteer.get().keyOfKhmer(trimmed);
        if (known != null) {
            return known;
        }
        StringBuilder b = new StringBuilder();
        for (NameToken t : tokens(raw)) {
            String k = t.key();
            if (PLACE_WORDS.contains(k)) {
                continue;
            }
            b.append(k);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static boolean hasKhmer(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x1780 && c <= 0x17FF) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> KHMER_PLACE_PREFIXES = List.of("ភូមិ", "ឃុំ", "សង្កាត់", "ស្រុក", "ខណ្ឌ", "ក្រុង",
            "ខេត្ត", "រាជធានី");

    private static final java.util.Set<String> PLACE_WORDS = java.util.Set.of("pum", "pumi", "kum", "sangkat",
            "srok", "kan", "krong", "kaet", "province", "district", "commune", "village", "city");
}
