package org.haven.reporting;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a summary is refreshed, shared by {@link ReportSummaries} and {@link ReferralSummary}: a transaction-level
 * advisory lock lets one refresh run at a time (across application nodes), a caller that needs the summary waits
 * for it, and the scheduled round skips when someone else holds it. Runs in the caller's transaction.
 */
final class SummaryRefresh {

    private final JdbcClient jdbc;
    private final long lock;

    SummaryRefresh(JdbcClient jdbc, long lock) {
        this.jdbc = jdbc;
        this.lock = lock;
    }

    /** The last refresh; fills the summary first if it was never built (not built meanwhile by another caller). */
    OffsetDateTime asOfOrFill(Supplier<Optional<OffsetDateTime>> asOf, LongSupplier fill) {
        Optional<OffsetDateTime> last = asOf.get();
        if (last.isPresent()) {
            return last.get();
        }
        await();
        if (asOf.get().isEmpty()) {
            fill.getAsLong();
        }
        return asOf.get().orElseThrow();
    }

    /** Fills now, waiting for a refresh in progress elsewhere; the time it took in ms. */
    long fill(LongSupplier fill) {
        await();
        return fill.getAsLong();
    }

    /** Fills unless another refresh holds the lock: the time it took in ms, or -1 when skipped. */
    long fillUnlessBusy(LongSupplier fill) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(lock).query(Boolean.class).single();
        return Boolean.TRUE.equals(locked) ? fill.getAsLong() : -1;
    }

    private void await() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(lock).query(Object.class).single();
    }
}
