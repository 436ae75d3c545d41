package org.haven.linkage.web;

import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Navigation: the review queue for case supervisors, the offender network for police and prosecutors. */
@Configuration(proxyBeanMethods = false)
class LinkageWebConfiguration {

    @Bean
    NavItem linkageNavItem() {
        return new NavItem(75, "/linkage/candidates", "linkage.nav", "CASE_SUPERVISE");
    }

    @Bean
    NavItem linkageNetworkNavItem() {
        return new NavItem(76, "/linkage/network", "linkage.network.nav", "NETWORK_VIEW");
    }
}
