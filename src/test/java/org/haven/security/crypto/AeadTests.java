package org.haven.security.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-thread cipher is re-initialised on every call: keys, nonces and failures never leak into the next call. */
class AeadTests {

    static final SecretKeySpec A = new SecretKeySpec(Aead.random(32), "AES");
    static final SecretKeySpec B = new SecretKeySpec(Aead.random(32), "AES");
    static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

    @Test
    void interleavedKeysModesAndFailuresOnOneThread() throws Exception {
        byte[] sealedA = Aead.seal(A, bytes("under A"), AAD);
        byte[] sealedB = Aead.seal(B, bytes("under B"), AAD);
        assertThatThrownBy(() -> Aead.open(B, sealedA, 0, AAD)).isInstanceOf(AEADBadTagException.class);
        assertThat(Aead.open(A, sealedA, 0, AAD)).isEqualTo(bytes("under A"));
        assertThatThrownBy(() -> Aead.open(A, sealedA, 0, bytes("other aad"))).isInstanceOf(AEADBadTagException.class);
        byte[] tampered = sealedB.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> Aead.open(B, tampered, 0, AAD)).isInstanceOf(AEADBadTagException.class);
        assertThat(Aead.open(B, sealedB, 0, AAD)).isEqualTo(bytes("under B"));
        // a seal right after a failed open, then the same plaintext twice: fresh nonces each time
        byte[] again1 = Aead.seal(A, bytes("same"), AAD);
        byte[] again2 = Aead.seal(A, bytes("same"), AAD);
        assertThat(again1).isNotEqualTo(again2);
        assertThat(Aead.open(A, again1, 0, AAD)).isEqualTo(Aead.open(A, again2, 0, AAD));
    }

    @Test
    void manyThreadsSealAndOpenConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 2_000; i++) {
                        SecretKeySpec key = (i + thread) % 2 == 0 ? A : B;
                        byte[] plain = bytes("thread " + thread + " value " + i);
                        if (java.util.Arrays.equals(Aead.open(key, Aead.seal(key, plain, AAD), 0, AAD), plain)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
