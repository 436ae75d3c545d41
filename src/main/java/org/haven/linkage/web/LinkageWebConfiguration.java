package org.haven.linkage.web;

import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The review queue entry of the main navigation, for case supervisors. */
@Configuration(proxyBeanMethods = false)
class LinkageWebConfiguration {

    @Bean
    NavItem linkageNavItem() {
        return new NavItem(75, "/linkage/candidates", "linkage.nav", "CASE_SUPERVISE");
    }
}
