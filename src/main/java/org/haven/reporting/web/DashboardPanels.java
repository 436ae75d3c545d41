package org.haven.reporting.web;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.haven.reporting.Dashboards;
import org.haven.reporting.Dashboards.Section;
import org.haven.security.CurrentUser;
import org.haven.shared.web.HomePanel;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Dashboard panels of the home page, one per kind of work: case work (caseload, new identifications, services,
 * follow-ups, referrals sent and received), proceedings by stage, outreach reach, and national aggregates for aggregate-only roles (analysts,
 * donors, administrators; small cells suppressed). Each shows the last twelve months of the user's default reach,
 * read from the summaries, and links to the dashboard page for other filters.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPanels {

    static final int PANEL_WIDTH = 320;
    static final int PANEL_HEIGHT = 100;

    private static boolean aggregateOnly(Collection<String> a) {
        return a.contains("REPORT_AGGREGATE") && !a.contains("CASE_READ") && !a.contains("PROCEEDING_READ")
                && !a.contains("OUTREACH_WRITE");
    }

    @Bean
    HomePanel caseworkDashboardPanel(Dashboards dashboards, MessageSource messages) {
        return panel(20, "reporting.panel.casework", a -> a.contains("CASE_READ") && a.contains("REPORT_AGGREGATE"),
                List.of(Section.CASELOAD, Section.IDENTIFICATIONS, Section.SERVICES, Section.FOLLOW_UPS,
                        Section.REFERRALS),
                dashboards, messages);
    }

    @Bean
    HomePanel proceedingsDashboardPanel(Dashboards dashboards, MessageSource messages) {
        return panel(21, "reporting.panel.proceedings",
                a -> a.contains("PROCEEDING_READ") && a.contains("REPORT_AGGREGATE"), List.of(Section.PROCEEDINGS),
                dashboards, messages);
    }

    @Bean
    HomePanel outreachDashboardPanel(Dashboards dashboards, MessageSource messages) {
        return panel(22, "reporting.panel.outreach",
                a -> a.contains("OUTREACH_WRITE") && a.contains("REPORT_AGGREGATE"), List.of(Section.OUTREACH),
                dashboards, messages);
    }

    @Bean
    HomePanel aggregateDashboardPanel(Dashboards dashboards, MessageSource messages) {
        return panel(23, "reporting.panel.aggregates", DashboardPanels::aggregateOnly,
                List.of(Section.IDENTIFICATIONS, Section.REFERRALS, Section.PROCEEDINGS, Section.OUTREACH), dashboards,
                messages);
    }

    private static HomePanel panel(int order, String titleKey, Predicate<Collection<String>> visible,
            List<Section> sections, Dashboards dashboards, MessageSource messages) {
        return new HomePanel() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public String titleKey() {
                return titleKey;
            }

            @Override
            public String fragment() {
                return "reporting/panels :: dashboard";
            }

            @Override
            public boolean visibleTo(Collection<String> authorities) {
                return visible.test(authorities);
            }

            @Override
            public Map<String, Object> model() {
                Locale locale = LocaleContextHolder.getLocale();
                CurrentUser user = CurrentUser.require();
                Dashboards.Dashboard d = dashboards.dashboard(Dashboards.defaultFilter(user), sections);
                List<DashboardController.Shown> shown = new ArrayList<>();
                d.figures().forEach((section, figure) -> shown.add(new DashboardController.Shown(figure.id(),
                        ReportView.table(figure, messages, locale),
                        section == Section.IDENTIFICATIONS || section == Section.FOLLOW_UPS
                                || section == Section.REFERRALS
                                ? ReportView.bars(figure, messages, locale, PANEL_WIDTH, PANEL_HEIGHT)
                                : List.of())));
                OffsetDateTime oldest = d.referralsAsOf() != null && d.referralsAsOf().isBefore(d.asOf())
                        ? d.referralsAsOf() : d.asOf();
                return Map.of("sections", shown, "asOf", DashboardController.asOf(oldest, locale),
                        "exact", d.exact(), "threshold", d.threshold(), "width", PANEL_WIDTH,
                        "height", PANEL_HEIGHT);
            }
        };
    }
}
