package org.haven.cases.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.cases.ScreeningResult;
import org.haven.cases.ScreeningResult.Element;
import org.haven.cases.ScreeningResult.Outcome;

/**
 * One version of the screening instrument, read from {@code cases/screening_indicators_<version>.csv} (a copy of
 * the project's legal indicator table). Selectable indicators are the Palermo act / means / purpose rows and the ILO
 * forced-labour indicators. Evaluation follows Palermo Art. 3: act + means + purpose; for a person under 18 at
 * recruitment, act + purpose (Art. 3(c)). ILO indicators that are themselves forms of coercion or deception count as
 * means (mapping below, stated in the reason); two or more ILO indicators also support forced labour as purpose.
 * Instances are immutable and thread-safe.
 */
public final class ScreeningInstrument {

    /** One selectable indicator. */
    public record Indicator(String code, String element, String label, String source) {
    }

    /** ILO indicator → Palermo means it evidences. Kept explicit so the reason can name it. */
    static final Map<String, String> ILO_AS_MEANS = Map.of(
            "ILO01", "MEANS.ABUSE_OF_VULNERABILITY",
            "ILO02", "MEANS.DECEPTION",
            "ILO03", "MEANS.THREAT_FORCE",
            "ILO04", "MEANS.THREAT_FORCE",
            "ILO05", "MEANS.THREAT_FORCE",
            "ILO06", "MEANS.THREAT_FORCE",
            "ILO07", "MEANS.THREAT_FORCE",
            "ILO09", "MEANS.THREAT_FORCE");

    static final int ILO_FOR_FORCED_LABOUR = 2;

    private final String version;
    private final Map<String, Indicator> indicators;

    ScreeningInstrument(String version, List<Indicator> indicators) {
        this.version = version;
        Map<String, Indicator> map = new LinkedHashMap<>();
        indicators.forEach(i -> map.put(i.code(), i));
        this.indicators = Map.copyOf(map);
        this.ordered = List.copyOf(indicators);
    }

    private final List<Indicator> ordered;

    public static ScreeningInstrument load(String version, InputStream csv) {
        List<Indicator> list = new ArrayList<>();
        try (var reader = new InputStreamReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String framework = r.get("framework");
                String type = r.get("element_type");
                String element = switch (type) {
                    case "act", "means", "purpose" -> "PALERMO".equals(framework) ? type : null;
                    case "indicator" -> "ILO".equals(framework) ? "ilo" : null;
                    default -> null;
                };
                if (element != null) {
                    list.add(new Indicator(r.get("code"), element, r.get("label"), r.get("source")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScreeningInstrument(version, list);
    }

    public String version() {
        return version;
    }

    public List<Indicator> indicators() {
        return ordered;
    }

    public List<Indicator> indicators(String element) {
        return ordered.stream().filter(i -> i.element().equals(element)).toList();
    }

    public boolean knows(String code) {
        return indicators.containsKey(code);
    }

    /**
     * Evaluates the selected indicator codes.
     *
     * @param ageAtRecruitment age in years when recruited, or null when unknown (then treated as an adult: means are
     *                         required, and the reason says so)
     * @throws IllegalArgumentException for a code this instrument does not have
     */
    public ScreeningResult evaluate(Set<String> selected, Integer ageAtRecruitment) {
        for (String code : selected) {
            if (!knows(code)) {
                throw new IllegalArgumentException("unknown indicator " + code);
            }
        }
        boolean child = ageAtRecruitment != null && ageAtRecruitment < 18;
        Set<String> acts = codesOf(selected, "act");
        Set<String> meansDirect = codesOf(selected, "means");
        Set<String> purposesDirect = codesOf(selected, "purpose");
        Set<String> ilo = codesOf(selected, "ilo");

        Set<String> meansSupport = new TreeSet<>(meansDirect);
        ilo.stream().filter(ILO_AS_MEANS::containsKey).forEach(meansSupport::add);
        Set<String> purposeSupport = new TreeSet<>(purposesDirect);
        boolean iloForcedLabour = ilo.size() >= ILO_FOR_FORCED_LABOUR;
        if (iloForcedLabour) {
            purposeSupport.addAll(ilo);
        }

        Element act = acts.isEmpty()
                ? new Element(false, true, List.of(), "screening.reason.act.none", "No act (recruitment, transport, transfer, harbouring or receipt) was indicated.")
                : new Element(true, true, List.copyOf(acts), "screening.reason.act.met", "An act was indicated: " + labels(acts) + ".");
        Element means;
        if (child) {
            means = new Element(!meansSupport.isEmpty(), false, List.copyOf(meansSupport), "screening.reason.means.child",
                    "Under 18 at recruitment: means are not required (Palermo Art. 3(c)).");
        } else if (meansSupport.isEmpty()) {
            means = new Element(false, true, List.of(),
                    ageAtRecruitment == null ? "screening.reason.means.noneAgeUnknown" : "screening.reason.means.none",
                    ageAtRecruitment == null
                            ? "No means of control was indicated; age at recruitment unknown, so means are required."
                            : "No means (force, coercion, abduction, fraud, deception, abuse of power or vulnerability, payments) was indicated.");
        } else {
            means = new Element(true, true, List.copyOf(meansSupport), "screening.reason.means.met",
                    "Means were indicated: " + labels(meansSupport) + ".");
        }
        Element purpose;
        if (purposeSupport.isEmpty()) {
            purpose = new Element(false, true, List.of(), "screening.reason.purpose.none",
                    "No exploitative purpose was indicated"
                            + (ilo.isEmpty() ? "." : " (fewer than " + ILO_FOR_FORCED_LABOUR + " forced-labour indicators)."));
        } else {
            purpose = new Element(true, true, List.copyOf(purposeSupport), "screening.reason.purpose.met",
                    "An exploitative purpose was indicated: " + labels(purposeSupport)
                            + (purposesDirect.isEmpty() ? " (forced labour, from the ILO indicators)." : "."));
        }
        boolean allRequired = act.met() && purpose.met() && (child || means.met());
        boolean any = act.met() || purpose.met() || means.met();
        Outcome outcome = allRequired ? Outcome.INDICATORS_MET : any ? Outcome.PARTIAL : Outcome.NOT_MET;
        return new ScreeningResult(version, act, means, purpose, List.copyOf(new TreeSet<>(ilo)), child, outcome);
    }

    private Set<String> codesOf(Set<String> selected, String element) {
        Set<String> out = new TreeSet<>();
        selected.stream().filter(c -> indicators.get(c).element().equals(element)).forEach(out::add);
        return out;
    }

    private String labels(Set<String> codes) {
        return String.join("; ", codes.stream().map(c -> indicators.get(c).label()).toList());
    }
}
