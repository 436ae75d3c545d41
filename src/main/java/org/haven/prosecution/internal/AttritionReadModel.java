package org.haven.prosecution.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the attrition read model ({@code proceeding_attrition}, migration V301) in step with a proceeding. Call in the
 * transaction of every change to a proceeding's stage, jurisdiction, form, defendants or verdicts: the row is
 * recomputed from the proceeding, its stage history and its defendants by the SQL function
 * {@code prosecution_attrition_refresh}, the same function that backfilled the table, so the two cannot drift apart.
 */
@Component
public class AttritionReadModel {

    private final JdbcClient jdbc;

    AttritionReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void refresh(UUID proceedingId) {
        jdbc.sql("select prosecution_attrition_refresh(array[cast(? as uuid)])").param(proceedingId)
                .query(Integer.class).single();
    }

    /** Rows for proceedings that have none yet (bulk writers such as the generator). Returns the number written. */
    public int refreshMissing() {
        return jdbc.sql("select prosecution_attrition_refresh(array(select p.id from proceeding p where not exists ("
                + "select 1 from proceeding_attrition a where a.proceeding_id = p.id)))").query(Integer.class).single();
    }
}
