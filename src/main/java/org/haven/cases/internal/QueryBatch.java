package org.haven.cases.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Several read-only queries sent to PostgreSQL in one round trip: the driver sends every statement of a prepared
 * statement that holds several (separated by {@code ;}) before it waits for the first answer, and hands back one result
 * set per statement. A case page reads a dozen small child tables; one round trip instead of a dozen is most of its
 * cost on a busy two-core machine (docs/benchmarks.md, Protection). Runs in the caller's transaction.
 */
public final class QueryBatch {

    private final List<String> statements = new ArrayList<>();
    private final List<Object[]> parameters = new ArrayList<>();
    private final List<RowMapper<?>> mappers = new ArrayList<>();
    private final List<List<?>> results = new ArrayList<>();
    private boolean ran;

    /** Adds a query (positional {@code ?} parameters, no {@code ;}); the supplier gives its rows after {@link #run}. */
    public <T> Supplier<List<T>> add(String sql, RowMapper<T> mapper, Object... params) {
        if (sql.indexOf(';') >= 0) {
            throw new IllegalArgumentException("one statement per query");
        }
        int index = statements.size();
        statements.add(sql);
        parameters.add(params);
        mappers.add(mapper);
        return () -> {
            if (!ran) {
                throw new IllegalStateException("the batch has not run");
            }
            @SuppressWarnings("unchecked")
            List<T> rows = (List<T>) results.get(index);
            return rows;
        };
    }

    public void run(JdbcTemplate jdbc) {
        jdbc.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement ps = con.prepareStatement(String.join(";\n", statements))) {
                int p = 1;
                for (Object[] params : parameters) {
                    for (Object value : params) {
                        StatementCreatorUtils.setParameterValue(ps, p++, StatementCreatorUtils.javaTypeToSqlParameterType(
                                value == null ? Object.class : value.getClass()), value);
                    }
                }
                boolean hasResult = ps.execute();
                for (RowMapper<?> mapper : mappers) {
                    if (!hasResult) {
                        throw new IllegalStateException("a query of the batch returned no rows");
                    }
                    List<Object> rows = new ArrayList<>();
                    try (ResultSet rs = ps.getResultSet()) {
                        int n = 0;
                        while (rs.next()) {
                            rows.add(mapper.mapRow(rs, n++));
                        }
                    }
                    results.add(rows);
                    hasResult = ps.getMoreResults();
                }
            }
            return null;
        });
        ran = true;
    }
}
