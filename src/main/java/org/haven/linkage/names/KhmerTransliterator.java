package org.haven.linkage.names;

/**
 * Rule-based Khmer script → Latin transliteration producing a <em>matching</em> spelling (close to the conventional
 * romanisation of names, e.g. សុខ → sokh, សុភាព → sopheap, ចន្ថា → chantha), not a scholarly transcription. ICU has
 * no Khmer-Latin transliterator. Vowel values depend on the consonant series (a-series / o-series), which registers
 * (៉ ៊) can switch. Syllable structure is guessed: a bare consonant gets the inherent vowel unless it closes the
 * previous syllable. Known names are looked up in the dictionary before this fallback is used.
 */
public final class KhmerTransliterator {

    private static final String[] CONSONANT = new String[0x23];
    private static final boolean[] O_SERIES = new boolean[0x23];

    static {
        String[][] table = {
            {"k", "a"}, {"kh", "a"}, {"k", "o"}, {"kh", "o"}, {"ng", "o"},
            {"ch", "a"}, {"chh", "a"}, {"ch", "o"}, {"chh", "o"}, {"nh", "o"},
            {"d", "a"}, {"th", "a"}, {"d", "o"}, {"th", "o"}, {"n", "a"},
            {"t", "a"}, {"th", "a"}, {"t", "o"}, {"th", "o"}, {"n", "o"},
            {"b", "a"}, {"ph", "a"}, {"p", "o"}, {"ph", "o"}, {"m", "o"},
            {"y", "o"}, {"r", "o"}, {"l", "o"}, {"v", "o"}, {"s", "a"},
            {"s", "a"}, {"s", "a"}, {"h", "a"}, {"l", "a"}, {"", "a"}};
        for (int i = 0; i < table.length; i++) {
            CONSONANT[i] = table[i][0];
            O_SERIES[i] = table[i][1].equals("o");
        }
    }

    private KhmerTransliterator() {
    }

    static boolean isKhmer(char c) {
        return c >= 0x1780 && c <= 0x17FF || c >= 0x19E0 && c <= 0x19FF;
    }

    private static boolean isConsonant(char c) {
        return c >= 0x1780 && c <= 0x17A2;
    }

    /** One syllable cluster: base consonant (+ subscripts) and its vowel signs. */
    private static final class Cluster {
        final StringBuilder consonants = new StringBuilder();
        boolean oSeries;
        String vowel; // null when bare
        String independent; // independent vowel letter
    }

    /** Transliterates a Khmer word (no spaces) to lower-case ASCII. */
    public static String transliterate(String word) {
        java.util.List<Cluster> clusters = new java.util.ArrayList<>();
        Cluster current = null;
        int n = word.length();
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (isConsonant(c)) {
                current = new Cluster();
                current.consonants.append(CONSONANT[c - 0x1780]);
                current.oSeries = O_SERIES[c - 0x1780];
                clusters.add(current);
            } else if (c == 0x17D2 && i + 1 < n && isConsonant(word.charAt(i + 1))) {
                char sub = word.charAt(++i);
                if (current == null) {
                    current = new Cluster();
                    clusters.add(current);
                }
                String latin = CONSONANT[sub - 0x1780];
                // a doubled consonant (ណ្ណ) or an aspirated repeat is written once in most romanisations
                if (!current.consonants.toString().endsWith(latin)) {
                    current.consonants.append(latin);
                } else {
                    current.consonants.append(latin.substring(latin.length() - 1));
                }
            } else if (c == 0x17C9) {
                if (current != null) {
                    current.oSeries = false;
                }
            } else if (c == 0x17CA) {
                if (current != null) {
                    current.oSeries = true;
                }
            } else if (c >= 0x17A3 && c <= 0x17B3) {
                current = new Cluster();
                current.independent = independent(c);
                clusters.add(current);
            } else if (c >= 0x17B6 && c <= 0x17C8 || c == 0x17D0) {
                if (current == null) {
                    current = new Cluster();
                    clusters.add(current);
                }
                boolean o = current.oSeries;
                String v = vowel(c, o, current.vowel);
                current.vowel = v;
            }
            // other signs (bantoc, robat, digits, punctuation) carry no sound we match on
        }
        StringBuilder out = new StringBuilder();
        int last = clusters.size() - 1;
        boolean previousOpen = false;
        for (int i = 0; i <= last; i++) {
            Cluster cl = clusters.get(i);
            if (cl.independent != null) {
                out.append(cl.independent);
                previousOpen = true;
                continue;
            }
            out.append(cl.consonants);
            if (cl.vowel != null) {
                out.append(cl.vowel);
                previousOpen = true;
                continue;
            }
            boolean bareNextIsLast = i + 1 == last && clusters.get(i + 1).vowel == null
                    && clusters.get(i + 1).independent == null;
            if (i == last && last > 0) {
                previousOpen = false; // final consonant
            } else if (bareNextIsLast || last == 0 || !previousOpen) {
                out.append(cl.oSeries ? "o" : "a");
                previousOpen = true;
            } else {
                previousOpen = false; // closes the previous syllable
            }
        }
        return out.toString();
    }

    private static String vowel(char c, boolean o, String before) {
        switch (c) {
            case 0x17B6: return o ? "ea" : "a";
            case 0x17B7: return o ? "i" : "e";
            case 0x17B8: return o ? "i" : "ei";
            case 0x17B9: return o ? "eu" : "oe";
            case 0x17BA: return "eu";
            case 0x17BB: return o ? "u" : "o";
            case 0x17BC: return o ? "u" : "ou";
            case 0x17BD: return "uo";
            case 0x17BE: return o ? "eu" : "aeu";
            case 0x17BF: return "oea";
            case 0x17C0: return "ie";
            case 0x17C1: return "e";
            case 0x17C2: return "ae";
            case 0x17C3: return o ? "ey" : "ai";
            case 0x17C4: return o ? "o" : "ao";
            case 0x17C5: return o ? "ov" : "au";
            case 0x17C6: // nikahit: nasal final, combines with the vowel before it
                if (before == null) {
                    return o ? "um" : "am";
                }
                return before + "m";
            case 0x17C7: return (before == null ? (o ? "eah" : "ah") : before + "h");
            case 0x17C8: return before == null ? (o ? "ea" : "a") : before;
            case 0x17D0: return o ? "ea" : "a";
            default: return before == null ? "" : before;
        }
    }

    private static String independent(char c) {
        switch (c) {
            case 0x17A5: return "e";
            case 0x17A6: return "ei";
            case 0x17A7: return "o";
            case 0x17A9: return "ou";
            case 0x17AA: return "au";
            case 0x17AB: return "rue";
            case 0x17AC: return "rueu";
            case 0x17AD: return "lue";
            case 0x17AE: return "lueu";
            case 0x17AF: return "ae";
            case 0x17B0: return "ai";
            case 0x17B1: case 0x17B2: return "ao";
            case 0x17B3: return "au";
            default: return "a";
        }
    }
}
