package org.haven.linkage.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.haven.linkage.names.NameNormaliser;

/**
 * Cambodian administrative units (NCDD gazetteer: province → district → commune → village) for place comparison:
 * Khmer-script place names map to the folded key of their official romanisation, and a village "lies within" its
 * commune, district and province, so a record giving the village and another giving the commune partly agree.
 */
public final class Gazetteer {

    private static volatile Gazetteer instance;

    private final Map<String, String> khmerToKey = new HashMap<>();
    private final Map<String, Set<String>> ancestors = new HashMap<>();

    private Gazetteer() {
        Map<String, String[]> byCode = new HashMap<>();
        try (InputStream in = Gazetteer.class.getResourceAsStream("/linkage/gazetteer.csv")) {
            if (in == null) {
                return;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length >= 5) {
                    byCode.put(f[0], f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NameNormaliser names = NameNormaliser.standard();
        Map<String, String> keyOfCode = new HashMap<>();
        for (String[] f : byCode.values()) {
            String key = names.key(f[4]);
            keyOfCode.put(f[0], key);
            if (!f[3].isEmpty() && !key.isEmpty()) {
                khmerToKey.putIfAbsent(f[3], key);
            }
        }
        for (String[] f : byCode.values()) {
            String key = keyOfCode.get(f[0]);
            if (key == null || key.isEmpty()) {
                continue;
            }
            Set<String> up = ancestors.computeIfAbsent(key, k -> new HashSet<>());
            String parent = f[2];
            while (parent != null && !parent.isEmpty() && byCode.containsKey(parent)) {
                up.add(keyOfCode.get(parent));
                parent = byCode.get(parent)[2];
            }
        }
    }

    public static Gazetteer get() {
        Gazetteer g = instance;
        if (g == null) {
            synchronized (Gazetteer.class) {
                if (instance == null) {
                    instance = new Gazetteer();
                }
                g = instance;
            }
        }
        return g;
    }

    /** Folded key of a Khmer-script place name in the gazetteer, or null. */
    public String keyOfKhmer(String khmer) {
        return khmerToKey.get(khmer);
    }

    /** True when some place named {@code inner} lies within a place named {@code outer}. */
    public boolean within(String inner, String outer) {
        Set<String> up = ancestors.get(inner);
        return up != null && up.contains(outer);
    }
}
