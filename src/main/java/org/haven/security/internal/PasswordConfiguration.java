package org.haven.security.internal;

import org.haven.shared.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Security beans needed with and without the web server (commands such as {@code users create} hash passwords too):
 * the password encoder, method security and the foundation's public paths.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id with OWASP's recommended minimum: 19 MiB memory, 2 iterations, parallelism 1 (16-byte salt,
        // 32-byte hash). Spring's defaultsForSpringSecurity_v5_8() uses 16 MiB, slightly below that.
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    @Bean
    PublicPaths foundationPublicPaths() {
        return PublicPaths.of("/login", "/actuator/health", "/actuator/health/**", "/css/**", "/js/**", "/fonts/**",
                "/images/**", "/webjars/**", "/favicon.ico", "/error");
    }
}
