package org.haven.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.haven.audit.AuditEvent;

/**
 * The canonical serialisation and hash of an audit event, shared by the writer and the verifier so they cannot
 * drift apart.
 *
 * <p>Format (version 1): a fixed tag, then every field in a fixed order, each string as a 4-byte length (−1 for null)
 * followed by its UTF-8 bytes, each list as a 4-byte count followed by its items; roles are sorted, details sorted by
 * key. The timestamp is hashed as epoch microseconds, the precision PostgreSQL stores. Length prefixes make the
 * encoding unambiguous ({@code "ab","c"} and {@code "a","bc"} differ). The row id is part of the hash, so moving a
 * row's contents to another id (reordering) breaks the chain at that row.
 */
public final class AuditHashing {

    public static final int HASH_LENGTH = 32;
    public static final byte[] GENESIS = new byte[HASH_LENGTH];
    private static final String TAG = "haven-audit-v1";

    private AuditHashing() {
    }

    /** PostgreSQL keeps microseconds: hash and store the same instant. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] hash(AuditEvent e, byte[] prevHash) {
        Encoder enc = new Encoder();
        enc.string(TAG);
        enc.string(Long.toString(e.id()));
        Instant at = truncate(e.occurredAt());
        enc.string(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at)));
        enc.string(uuid(e.actorUserId()));
        enc.string(e.actorUsername());
        enc.string(uuid(e.actorOrganisationId()));
        enc.list(sorted(e.actorRoles()));
        enc.string(e.action());
        enc.string(e.outcome() == null ? null : e.outcome().name());
        enc.string(e.subjectType());
        enc.list(e.subjectIds());
        enc.string(e.purpose());
        enc.string(e.requestId());
        Map<String, String> details = new TreeMap<>(e.details() == null ? Map.of() : e.details());
        enc.count(details.size());
        details.forEach((k, v) -> {
            enc.string(k);
            enc.string(v);
        });
        enc.bytes(prevHash);
        return sha256(enc.toByteArray());
    }

    private static String uuid(UUID id) {
        return id == null ? null : id.toString();
    }

    private static List<String> sorted(Collection<String> values) {
        List<String> list = new ArrayList<>(values == null ? List.of() : values);
        list.sort(null);
        return list;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        void count(int n) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        }

        void string(String s) {
            if (s == null) {
                count(-1);
                return;
            }
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] b) {
            count(b.length);
            out.writeBytes(b);
        }

        void list(List<String> items) {
            count(items == null ? 0 : items.size());
            if (items != null) {
                items.forEach(this::string);
            }
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
