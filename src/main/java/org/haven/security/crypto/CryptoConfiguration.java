package org.haven.security.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the early master-key check (a static bean method, as Spring requires for post-processors). */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    static MasterKeyInitializer masterKeyInitializer() {
        return new MasterKeyInitializer();
    }
}
