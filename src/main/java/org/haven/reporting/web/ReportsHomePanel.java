package org.haven.reporting.web;

import java.util.Collection;
import java.util.Map;

import org.haven.reporting.Reports;
import org.haven.reporting.disclosure.ProtectedTable;
import org.haven.shared.web.HomePanel;
import org.springframework.stereotype.Component;

/**
 * Home-page panel for holders of REPORT_AGGREGATE: the disclosure-controlled total of the CTDC comparison data and
 * a link to the reports. (Dashboards over case, prosecution and outreach data join it when those modules publish
 * their aggregates.)
 */
@Component
class ReportsHomePanel implements HomePanel {

    private final Reports reports;

    ReportsHomePanel(Reports reports) {
        this.reports = reports;
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public String titleKey() {
        return "reporting.panel.title";
    }

    @Override
    public String fragment() {
        return "reporting/panels :: summary";
    }

    @Override
    public boolean visibleTo(Collection<String> authorities) {
        return authorities.contains("REPORT_AGGREGATE");
    }

    @Override
    public Map<String, Object> model() {
        Reports.CtdcComparison report = reports.ctdcComparison(null);
        ProtectedTable.Cell total = report.figures().get(0).table().grandTotal();
        return Map.of("ctdcTotal", ReportView.show(total), "datasets", reports.ctdcDatasets().size());
    }
}
