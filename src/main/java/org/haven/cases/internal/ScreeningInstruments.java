package org.haven.cases.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The screening instrument versions shipped in {@code cases/}: a screening stores the version it was made with and
 * is always shown against that version, so editing the indicator table means adding a new version file and a line
 * here, never changing an old one. The last version is the one new screenings use.
 */
public final class ScreeningInstruments {

    /** Oldest first. */
    static final String[] VERSIONS = {"2026.1"};

    private final Map<String, ScreeningInstrument> byVersion = new LinkedHashMap<>();

    public ScreeningInstruments() {
        for (String v : VERSIONS) {
            String path = "/cases/screening_indicators_" + v + ".csv";
            try (InputStream in = ScreeningInstruments.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing screening instrument " + path);
                }
                byVersion.put(v, ScreeningInstrument.load(v, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public ScreeningInstrument current() {
        return byVersion.get(VERSIONS[VERSIONS.length - 1]);
    }

    public Optional<ScreeningInstrument> version(String version) {
        return Optional.ofNullable(byVersion.get(version));
    }
}
