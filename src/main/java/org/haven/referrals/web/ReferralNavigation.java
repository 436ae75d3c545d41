package org.haven.referrals.web;

import java.util.Collection;
import java.util.Map;

import org.haven.referrals.ReferralManagement;
import org.haven.shared.web.HomePanel;
import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Navigation entries and the home-page panel of referrals and the service directory. */
@Configuration(proxyBeanMethods = false)
class ReferralNavigation {

    @Bean
    NavItem referralsNav() {
        return new NavItem(300, "/referrals", "nav.referrals", "REFERRAL_SEND");
    }

    @Bean
    NavItem servicesNav() {
        return new NavItem(310, "/services", "nav.services", null);
    }

    @Bean
    HomePanel referralNotificationsPanel(ReferralManagement referrals) {
        return new HomePanel() {
            @Override
            public int order() {
                return 300;
            }

            @Override
            public String titleKey() {
                return "referrals.panel.title";
            }

            @Override
            public String fragment() {
                return "referrals/panels :: notifications";
            }

            @Override
            public boolean visibleTo(Collection<String> authorities) {
                return authorities.contains("REFERRAL_SEND") || authorities.contains("REFERRAL_RECEIVE");
            }

            @Override
            public Map<String, Object> model() {
                return Map.of("notifications", referrals.notifications(10), "overdue", referrals.overdue(),
                        "unread", referrals.unreadNotifications());
            }
        };
    }
}
