package org.haven.prevention.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.haven.prevention.PreventionSettings;
import org.springframework.stereotype.Component;

/**
 * Flood protection for the public tip form and follow-up, without keeping who anyone is.
 *
 * <p>Per client: the connection address is hashed with a random salt that lives only in memory and is replaced every
 * hour, and the hash counts submissions in that hour; at rotation all counters and the old salt are dropped, so
 * nothing links one hour's hashes to the next or to an address. Nothing is written to the database or the log.
 * Globally: at most {@code tipsPerMinute} submissions per minute across all clients, which also covers clients behind
 * one proxy address and spread-out floods. A known limit: behind a reverse proxy every client has the proxy's address,
 * so the per-client limit then acts as a second global limit.
 */
@Component
class TipFloodGuard {

    private static final int MAX_TRACKED = 100_000;

    private final PreventionSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private volatile long hour = -1;
    private volatile byte[] salt;
    private volatile long minute = -1;
    private final AtomicInteger thisMinute = new AtomicInteger();

    TipFloodGuard(PreventionSettings settings) {
        this.settings = settings;
    }

    /** Counts one submission from this address; false if a limit is reached (the submission must be refused). */
    boolean allow(String remoteAddress) {
        long now = System.currentTimeMillis();
        rotate(now);
        if (thisMinute.incrementAndGet() > settings.tipsPerMinute()) {
            return false;
        }
        if (perClient.size() > MAX_TRACKED) {
            perClient.clear(); // bounded memory under an address-spraying flood; the global limit still holds
        }
        String key = hash(remoteAddress == null ? "" : remoteAddress);
        return perClient.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet()
                <= settings.tipsPerClientPerHour();
    }

    private synchronized void rotate(long now) {
        long h = now / 3_600_000L;
        if (h != hour) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            salt = fresh;
            perClient.clear();
            hour = h;
        }
        long m = now / 60_000L;
        if (m != minute) {
            thisMinute.set(0);
            minute = m;
        }
    }

    private String hash(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
