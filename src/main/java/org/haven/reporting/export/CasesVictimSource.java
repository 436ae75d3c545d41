package org.haven.reporting.export;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.haven.cases.CaseStatistics;
import org.haven.cases.Vocabulary;
import org.haven.reporting.Reports;
import org.springframework.stereotype.Component;

/**
 * Haven's own cases as a victim source ({@code --source cases}, the default): only cases with an effective consent
 * to statistics, coded into the CTDC vocabulary through the mappings the cases vocabulary carries. Exact ages,
 * dates and places never leave: age goes into CTDC's bands, time in exploitation into its three bands, the year of
 * identification is the year of registration.
 */
@Component
class CasesVictimSource implements VictimRecordSource {

    private final CaseStatistics cases;
    private volatile long lastWithoutConsent;

    CasesVictimSource(CaseStatistics cases) {
        this.cases = cases;
    }

    @Override
    public String name() {
        return "cases";
    }

    @Override
    public List<VictimRecord> victims() {
        CaseStatistics.CodedVictims coded = cases.codedVictims(LocalDate.now(Reports.ZONE));
        lastWithoutConsent = coded.withoutConsent();
        return coded.victims().stream().map(CasesVictimSource::record).toList();
    }

    @Override
    public String note() {
        return lastWithoutConsent + " cases left out: no effective consent to use in statistics";
    }

    static VictimRecord record(CaseStatistics.CodedVictim v) {
        Set<String> flags = new LinkedHashSet<>();
        map(v.forms(), Vocabulary.ExploitationForm::valueOf, Vocabulary.ExploitationForm::ctdc, flags);
        map(v.sectors(), Vocabulary.LabourSector::valueOf, Vocabulary.LabourSector::ctdc, flags);
        map(v.meansOfControl(), Vocabulary.MeansOfControl::valueOf, Vocabulary.MeansOfControl::ctdc, flags);
        map(v.recruiterRelations(), Vocabulary.RecruiterRelation::valueOf, Vocabulary.RecruiterRelation::ctdc, flags);
        String gender = "";
        if (v.gender() != null) {
            String g = Vocabulary.Gender.valueOf(v.gender()).ctdc();
            gender = g == null ? "" : g.equals("Trans") || g.equals("NonConforming") ? "Trans/Transgender/NonConforming"
                    : g;
        }
        String status = v.screeningOutcome() == null ? ""
                : v.screeningOutcome().equals("INDICATORS_MET") ? "ActualVictimOfTrafficking"
                : "PossibleVictimOfTrafficking";
        return new VictimRecord(v.caseId().toString(), String.valueOf(v.identifiedYear()), gender,
                ageBroad(v.ageAtIdentification()), nz(v.nationality()), nz(v.countryOfExploitation()),
                months(v.daysExploited()), flags, status);
    }

    private static <E> void map(Set<String> codes, Function<String, E> parse, Function<E, String> ctdc,
            Set<String> flags) {
        for (String code : codes) {
            try {
                String flag = ctdc.apply(parse.apply(code));
                if (flag != null) {
                    flags.add(flag);
                }
            } catch (IllegalArgumentException unknown) {
                // a code from an older vocabulary: no CTDC variable to set
            }
        }
    }

    /** CTDC's age bands (v2024 codebook). */
    static String ageBroad(Integer age) {
        if (age == null || age < 0) {
            return "";
        }
        if (age <= 8) {
            return "0--8";
        }
        if (age <= 17) {
            return "9--17";
        }
        if (age <= 20) {
            return "18--20";
        }
        if (age <= 23) {
            return "21--23";
        }
        if (age <= 26) {
            return "24--26";
        }
        if (age <= 29) {
            return "27--29";
        }
        if (age <= 38) {
            return "30--38";
        }
        return age <= 47 ? "39--47" : "48+";
    }

    static String months(Integer days) {
        if (days == null || days < 0) {
            return "";
        }
        int months = days / 30;
        return months <= 12 ? "0--12 (0-1 yr)" : months <= 24 ? "13--24 (1-2 yrs)" : "25+ (2+ yrs)";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
