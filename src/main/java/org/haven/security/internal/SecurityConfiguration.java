package org.haven.security.internal;

import java.util.List;

import org.haven.shared.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Web security. Everything needs authentication except the union of the modules' {@link PublicPaths}.
 * (Foundation slice: form sign-in; the second factor, API tokens and headers build on this.)
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PublicPaths foundationPublicPaths() {
        return PublicPaths.of("/login", "/actuator/health", "/actuator/health/**", "/css/**", "/js/**", "/fonts/**",
                "/images/**", "/webjars/**", "/favicon.ico", "/error");
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, List<PublicPaths> publicPaths) throws Exception {
        String[] open = publicPaths.stream().flatMap(p -> p.patterns().stream()).distinct().toArray(String[]::new);
        http.authorizeHttpRequests(a -> a.requestMatchers(open).permitAll().anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").permitAll());
        return http.build();
    }
}
