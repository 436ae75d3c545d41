package org.haven.reporting.web;

import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reports entry of the main navigation, for holders of REPORT_AGGREGATE. */
@Configuration(proxyBeanMethods = false)
class ReportingWebConfiguration {

    @Bean
    NavItem reportsNavItem() {
        return new NavItem(80, "/reports", "reporting.nav", "REPORT_AGGREGATE");
    }
}
