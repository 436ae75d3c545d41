package org.haven.reporting.export;

import java.sql.Array;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The imported CTDC analysis data as a victim source (for comparison exports and for testing the gate). */
@Component
class CtdcAnalysisSource implements VictimRecordSource {

    private final JdbcClient jdbc;

    CtdcAnalysisSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "ctdc-analysis";
    }

    @Override
    public List<VictimRecord> victims() {
        return jdbc.sql("select import_id, line_no, year_label, gender, age_broad, citizenship, "
                + "country_of_exploitation, traffick_months, flags from ctdc_victim order by import_id, line_no")
                .query((rs, n) -> {
                    Array flags = rs.getArray("flags");
                    return new VictimRecord(rs.getString("import_id") + ":" + rs.getInt("line_no"),
                            nz(rs.getString("year_label")), nz(rs.getString("gender")), nz(rs.getString("age_broad")),
                            nz(rs.getString("citizenship")), nz(rs.getString("country_of_exploitation")),
                            nz(rs.getString("traffick_months")),
                            flags == null ? Set.of() : Set.of((String[]) flags.getArray()), "");
                }).list();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
