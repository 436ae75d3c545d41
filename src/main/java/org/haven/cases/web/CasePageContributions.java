package org.haven.cases.web;

import java.util.Collection;
import java.util.Map;

import org.haven.cases.CaseQueries;
import org.haven.security.CurrentUser;
import org.haven.shared.web.HomePanel;
import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cases entry of the main navigation and the overdue follow-ups panel of the home page. */
@Configuration(proxyBeanMethods = false)
class CasePageContributions {

    @Bean
    NavItem casesNavItem() {
        return new NavItem(10, "/cases", "nav.cases", "CASE_READ");
    }

    @Bean
    HomePanel overdueFollowUpsPanel(CaseQueries queries) {
        return new HomePanel() {
            @Override
            public int order() {
                return 10;
            }

            @Override
            public String titleKey() {
                return "cases.panel.overdue";
            }

            @Override
            public String fragment() {
                return "cases/panels :: overdue";
            }

            @Override
            public boolean visibleTo(Collection<String> authorities) {
                return authorities.contains("CASE_READ");
            }

            @Override
            public Map<String, Object> model() {
                return Map.of("items", CurrentUser.find().map(queries::overdueFollowUps).orElse(java.util.List.of()));
            }
        };
    }
}
