package org.haven.security.web;

import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Navigation entries of the administration pages. */
@Configuration(proxyBeanMethods = false)
class SecurityNavigation {

    @Bean
    NavItem usersNav() {
        return new NavItem(900, "/admin/users", "nav.admin.users", "ADMIN_ORGANISATION");
    }

    @Bean
    NavItem organisationsNav() {
        return new NavItem(910, "/admin/organisations", "nav.admin.organisations", "ADMIN_SYSTEM");
    }
}
