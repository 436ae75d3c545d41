package org.haven.audit.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.haven.audit.AuditEvent;
import org.haven.audit.AuditOutcome;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Mapping between {@code audit_event} rows and {@link AuditEvent}; details are a flat JSON object of strings. */
public final class AuditRows {

    public static final String COLUMNS = "id, occurred_at, actor_user_id, actor_username, actor_organisation_id, "
            + "actor_roles, action, outcome, subject_type, subject_ids, purpose, request_id, details::text as details";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private AuditRows() {
    }

    public static String detailsJson(Map<String, String> details) {
        return JSON.writeValueAsString(new TreeMap<>(details));
    }

    public static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("actor_user_id", UUID.class), rs.getString("actor_username"),
                rs.getObject("actor_organisation_id", UUID.class), Set.copyOf(strings(rs.getArray("actor_roles"))),
                rs.getString("action"), AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("subject_type"),
                strings(rs.getArray("subject_ids")), rs.getString("purpose"), rs.getString("request_id"),
                JSON.readValue(rs.getString("details"), MAP));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
