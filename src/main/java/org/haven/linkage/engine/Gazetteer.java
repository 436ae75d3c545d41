package org.haven.linkage.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.haven.linkage.names.NameNormaliser;

/**
 * Cambodian administrative units (NCDD gazetteer: province → district → commune → village) for place comparison:
 * Khmer-script place names map to the folded key of their official romanisation, and a village "lies within" its
 * commune, district and province, so a record giving the village and another giving the commune partly agree.
 *
 * <p>Loaded lazily from {@code linkage/gazetteer_index.csv}, the folded keys precomputed from {@code gazetteer.csv}
 * ({@link #main} regenerates it; {@code GazetteerIndexTests} checks it is current), so a batch run does not
 * normalise 16,000 place names before it starts.
 */
public final class Gazetteer {

    private static volatile Gazetteer instance;

    private final Map<String, String> khmerToKey = new HashMap<>();
    private final Map<String, String[]> ancestors = new HashMap<>(32_768);

    private Gazetteer(List<String> index) {
        for (String line : index) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int c1 = line.indexOf(',');
            int c2 = line.lastIndexOf(',');
            if (c1 < 0 || c2 <= c1) {
                continue;
            }
            String a = line.substring(c1 + 1, c2);
            String b = line.substring(c2 + 1);
            if (line.charAt(0) == 'K') {
                khmerToKey.put(a, b);
            } else {
                ancestors.put(a, b.isEmpty() ? new String[0] : b.split(" "));
            }
        }
    }

    public static Gazetteer get() {
        Gazetteer g = instance;
        if (g == null) {
            synchronized (Gazetteer.class) {
                if (instance == null) {
                    List<String> index = readLines("/linkage/gazetteer_index.csv");
                    instance = new Gazetteer(index != null ? index : buildIndex());
                }
                g = instance;
            }
        }
        return g;
    }

    /**
     * The ancestors ({@link #within}) of each of {@code keys} that is in the gazetteer. Cheap when the gazetteer is
     * not loaded: it scans the index's bytes and builds strings only for the lines of these keys, so a batch run
     * whose places are not Cambodian does not pay for {@link #get()} (19,500 lines, 0.7 s on a cold JVM).
     */
    public static Map<String, String[]> ancestorsOf(java.util.Collection<String> keys) {
        Map<String, String[]> out = new HashMap<>();
        Gazetteer loaded = instance;
        if (loaded != null) {
            for (String k : keys) {
                String[] up = loaded.ancestors.get(k);
                if (up != null) {
                    out.put(k, up);
                }
            }
            return out;
        }
        return scanIndex(keys);
    }

    /** {@link #ancestorsOf} read from the index file's bytes (package-private for its test). */
    static Map<String, String[]> scanIndex(java.util.Collection<String> keys) {
        Map<String, String[]> out = new HashMap<>();
        long[] wanted = new long[keys.size()];
        int w = 0;
        for (String k : keys) {
            wanted[w++] = Similarity.hash64(k);
        }
        Arrays.sort(wanted);
        byte[] bytes;
        try (InputStream in = Gazetteer.class.getResourceAsStream("/linkage/gazetteer_index.csv")) {
            if (in == null) {
                return out;
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] == 'A' && i + 1 < bytes.length && bytes[i + 1] == ',') {
                // "A,key,ancestors": folded ASCII keys, so hashing the bytes equals hashing the String
                long h = 0xcbf29ce484222325L;
                int j = i + 2;
                while (j < bytes.length && bytes[j] != ',' && bytes[j] != '\n') {
                    h ^= bytes[j] & 0xFF;
                    h *= 0x100000001b3L;
                    j++;
                }
                int end = j;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                if (Arrays.binarySearch(wanted, Similarity.finish(h)) >= 0 && j < end) {
                    String key = new String(bytes, i + 2, j - i - 2, StandardCharsets.ISO_8859_1);
                    String up = new String(bytes, j + 1, end - j - 1, StandardCharsets.ISO_8859_1).strip();
                    if (keys.contains(key)) {
                        out.put(key, up.isEmpty() ? new String[0] : up.split(" "));
                    }
                }
                i = end;
            }
            while (i < bytes.length && bytes[i] != '\n') {
                i++;
            }
            i++;
        }
        return out;
    }

    /** Keys of the places that {@code key} lies within, or null when it is not in the gazetteer. */
    public String[] ancestorsOf(String key) {
        return ancestors.get(key);
    }

    /** Folded key of a Khmer-script place name in the gazetteer, or null. */
    public String keyOfKhmer(String khmer) {
        return khmerToKey.get(khmer);
    }

    /** True when some place named {@code inner} lies within a place named {@code outer}. */
    public boolean within(String inner, String outer) {
        String[] up = ancestors.get(inner);
        if (up != null) {
            for (String u : up) {
                if (u.equals(outer)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The index lines computed from {@code gazetteer.csv} with the current name normaliser (sorted, stable). */
    public static List<String> buildIndex() {
        Map<String, String[]> byCode = new HashMap<>();
        List<String> raw = readLines("/linkage/gazetteer.csv");
        if (raw == null) {
            return List.of();
        }
        for (String line : raw) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length >= 5) {
                byCode.put(f[0], f);
            }
        }
        NameNormaliser names = NameNormaliser.standard();
        Map<String, String> keyOfCode = new HashMap<>();
        Map<String, String> khmer = new TreeMap<>();
        for (String[] f : byCode.values()) {
            String key = names.key(f[4]);
            keyOfCode.put(f[0], key);
            if (!f[3].isEmpty() && !key.isEmpty()) {
                khmer.merge(f[3], key, (x, y) -> x.compareTo(y) <= 0 ? x : y);
            }
        }
        Map<String, Set<String>> up = new TreeMap<>();
        for (String[] f : byCode.values()) {
            String key = keyOfCode.get(f[0]);
            if (key == null || key.isEmpty()) {
                continue;
            }
            Set<String> set = up.computeIfAbsent(key, k -> new TreeSet<>());
            String parent = f[2];
            while (parent != null && !parent.isEmpty() && byCode.containsKey(parent)) {
                String pk = keyOfCode.get(parent);
                if (!pk.isEmpty()) {
                    set.add(pk);
                }
                parent = byCode.get(parent)[2];
            }
        }
        List<String> out = new ArrayList<>();
        out.add("# generated from gazetteer.csv by org.haven.linkage.engine.Gazetteer#main (folded place keys); "
                + "K,khmer,key and A,key,ancestor keys");
        khmer.forEach((k, v) -> out.add("K," + k + "," + v));
        up.forEach((k, v) -> out.add("A," + k + "," + String.join(" ", v)));
        return out;
    }

    /** Regenerates the index: {@code Gazetteer src/main/resources/linkage/gazetteer_index.csv}. */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), buildIndex(), StandardCharsets.UTF_8);
    }

    private static List<String> readLines(String resource) {
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            List<String> lines = new ArrayList<>(20_000);
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
