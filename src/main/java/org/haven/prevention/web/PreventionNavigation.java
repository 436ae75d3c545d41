package org.haven.prevention.web;

import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The prevention module's entries in the main navigation. */
@Configuration(proxyBeanMethods = false)
class PreventionNavigation {

    @Bean
    NavItem outreachNav() {
        return new NavItem(40, "/outreach", "nav.outreach", "OUTREACH_READ");
    }

    @Bean
    NavItem tipsNav() {
        return new NavItem(45, "/tips/triage", "nav.tips", "TIP_TRIAGE");
    }

    @Bean
    NavItem preventionAdminNav() {
        return new NavItem(90, "/admin/prevention", "nav.hotlines", "ADMIN_SYSTEM");
    }
}
