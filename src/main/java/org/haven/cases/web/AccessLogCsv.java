package org.haven.cases.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.haven.cases.CaseViews.AccessLogEntry;

/** The access log as CSV for the survivor. Cells that a spreadsheet would run as formulas are defused. */
final class AccessLogCsv {

    private AccessLogCsv() {
    }

    static String write(List<AccessLogEntry> entries) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("time_utc", "user", "organisation", "action", "outcome", "purpose").get())) {
            for (AccessLogEntry e : entries) {
                csv.printRecord(e.at(), safe(e.username()), safe(e.organisationName()), e.action(), e.outcome(),
                        safe(e.purpose()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String safe(String s) {
        if (s == null) {
            return "";
        }
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
