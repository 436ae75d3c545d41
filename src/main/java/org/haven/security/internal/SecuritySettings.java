package org.haven.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the security module ({@code haven.security.*}).
 *
 * @param lockoutThreshold failed sign-in attempts (password or second factor) that lock an account
 * @param lockoutDuration how long a locked account stays locked
 * @param tokenLifetime lifetime of an API bearer token
 * @param totpIssuer issuer name shown in authenticator apps
 */
@ConfigurationProperties("haven.security")
public record SecuritySettings(@DefaultValue("5") int lockoutThreshold, @DefaultValue("15m") Duration lockoutDuration,
        @DefaultValue("8h") Duration tokenLifetime, @DefaultValue("Haven") String totpIssuer) {
}
