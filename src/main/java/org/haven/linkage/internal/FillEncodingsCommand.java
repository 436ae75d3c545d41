package org.haven.linkage.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.SurvivorIdentities.Identified;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.postgresql.PGConnection;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code linkage fill-encodings --count N [--seed S]}: for benchmarks only. Adds N synthetic encodings to
 * {@code linkage_encoding} — people drawn from the kname name list (family names skewed to the most common, 20% in
 * Khmer script), birth years 1960–2010, a third with a phone — encoded with the installation's key exactly as
 * survivors are, but belonging to no survivor (random ids, spread over the existing organisations). The fast path:
 * encodings computed on all cores, the blocking GIN index dropped, rows loaded with COPY in chunks, the index rebuilt,
 * and {@code linkage_key_count} recomputed from the table in one statement. Prints counts and seconds only.
 */
@Component
class FillEncodingsCommand implements HavenCommand {

    private static final int CHUNK = 50_000;

    private final SurvivorEncodings encodings;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;

    FillEncodingsCommand(SurvivorEncodings encodings, JdbcClient jdbc, DataSource dataSource,
            PlatformTransactionManager transactions) {
        this.encodings = encodings;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public String name() {
        return "linkage fill-encodings";
    }

    @Override
    public String summary() {
        return "benchmarks only: add N synthetic survivor encodings (no survivor rows) with COPY and rebuild the counts";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        long count = -1;
        long seed = 42;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() ? args.get(i + 1) : null;
            if ("--count".equals(a) && v != null) {
                count = parse(v);
                i++;
            } else if ("--seed".equals(a) && v != null) {
                seed = parse(v);
                i++;
            } else {
                throw new CommandLineUsageException("usage: linkage fill-encodings --count N [--seed S]");
            }
        }
        if (count < 1 || count > 5_000_000) {
            throw new CommandLineUsageException("usage: linkage fill-encodings --count N [--seed S] (1 ≤ N ≤ 5,000,000)");
        }
        List<UUID> orgs = jdbc.sql("select id from organisation order by created_at, id").query(UUID.class).list();
        if (orgs.isEmpty()) {
            err.println("no organisation: start once with the demo profile first");
            return 1;
        }
        List<String[]> names = names();
        long started = System.nanoTime();
        SurvivorEncoder encoder = encodings.encoder();
        jdbc.sql("drop index if exists linkage_encoding_blocking_idx").update();
        for (long done = 0; done < count; done += CHUNK) {
            int n = (int) Math.min(CHUNK, count - done);
            long base = done;
            long s = seed;
            String[] lines = new String[n];
            IntStream.range(0, n).parallel().forEach(i -> lines[i] = line(encoder,
                    person(new SplittableRandom(s * 1_000_003 + base + i), names, orgs)));
            copy(lines);
        }
        // index build and count recomputation over a million rows outlast the application's statement timeout
        tx.executeWithoutResult(status -> {
            jdbc.sql("set local statement_timeout = 0").update();
            jdbc.sql("set local maintenance_work_mem = '256MB'").update();
            jdbc.sql("drop index if exists linkage_encoding_blocking_idx").update();
            jdbc.sql("create index linkage_encoding_blocking_idx on linkage_encoding using gin (blocking_keys) "
                    + "with (fastupdate = off)").update();
            jdbc.sql("truncate linkage_key_count").update();
            jdbc.sql("""
                    insert into linkage_key_count (key, n)
                    select k, count(*) from (
                      select unnest(blocking_keys) as k from linkage_encoding
                      union all select given_key from linkage_encoding where given_key is not null
                      union all select family_key from linkage_encoding
                        where family_key is not null and family_key is distinct from given_key) t
                    group by k""").update();
            jdbc.sql("insert into linkage_key_count (key, n) select 0, count(*) from linkage_encoding "
                    + "on conflict (key) do update set n = excluded.n").update();
            jdbc.sql("analyze linkage_encoding").update();
            jdbc.sql("analyze linkage_key_count").update();
        });
        long total = jdbc.sql("select count(*) from linkage_encoding").query(Long.class).single();
        out.printf("linkage fill-encodings: %d added, %d encodings in the table, %.1f s%n", count, total,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new CommandLineUsageException("not a number: " + v);
        }
    }

    /** [family latin, given latin, family khmer, given khmer, sex] from the kname list. */
    static List<String[]> names() {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new ClassPathResource("cases/kname_khmer_names.csv").getInputStream(), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                if (f.length > 4) {
                    out.add(new String[] {f[2], f[3], f[0], f[1], "female".equalsIgnoreCase(f[4]) ? "FEMALE" : "MALE"});
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the kname list", e);
        }
        return out;
    }

    record Person(UUID id, UUID org, Identified identified) {
    }

    static Person person(SplittableRandom r, List<String[]> names, List<UUID> orgs) {
        // family names: the square of a uniform draw skews towards the top of the list (a few very common names)
        double u = r.nextDouble();
        String[] fam = names.get((int) (u * u * names.size()));
        String[] giv = names.get(r.nextInt(names.size()));
        boolean khmer = r.nextInt(5) == 0;
        String phone = r.nextInt(3) == 0 ? "0" + (10 + r.nextInt(90)) + (100000 + r.nextInt(900000)) : null;
        int year = 1960 + r.nextInt(51);
        boolean estimated = r.nextInt(4) == 0;
        UUID id = new UUID(r.nextLong(), r.nextLong());
        UUID org = orgs.get(r.nextInt(orgs.size()));
        SurvivorIdentity identity = khmer
                ? new SurvivorIdentity(null, null, fam[2], giv[3], List.of(), null, phone, null, List.of())
                : new SurvivorIdentity(fam[0], giv[1], null, null, List.of(), null, phone, null, List.of());
        return new Person(id, org, new Identified(id, org, 0, identity, giv[4], year, estimated));
    }

    static String line(SurvivorEncoder encoder, Person p) {
        SurvivorEncoding e = encoder.encode(p.identified());
        StringBuilder b = new StringBuilder(2048);
        b.append(p.id()).append('\t').append(p.org()).append("\t0\t");
        for (long[] f : new long[][] {e.given(), e.family(), e.birth(), e.sex(), e.phone(), e.idNumber()}) {
            if (f == null) {
                b.append("\\N");
            } else {
                b.append("\\\\x").append(HexFormat.of().formatHex(LinkageStore.bytes(f)));
            }
            b.append('\t');
        }
        b.append('{');
        long[] keys = e.blockingKeys();
        for (int i = 0; i < keys.length; i++) {
            b.append(i == 0 ? "" : ",").append(keys[i]);
        }
        b.append("}\t").append(e.birthBand() == null ? "\\N" : e.birthBand().toString()).append('\t')
                .append(e.sexCode() == null ? "\\N" : e.sexCode()).append('\t')
                .append(e.givenKey() == null ? "\\N" : e.givenKey().toString()).append('\t')
                .append(e.familyKey() == null ? "\\N" : e.familyKey().toString()).append('\n');
        return b.toString();
    }

    private void copy(String[] lines) {
        StringBuilder all = new StringBuilder(lines.length * 1800);
        for (String l : lines) {
            all.append(l);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy linkage_encoding (survivor_id, "
                    + "organisation_id, survivor_version, given_bloom, family_bloom, birth_bloom, sex_bloom, "
                    + "phone_bloom, id_number_bloom, blocking_keys, birth_band, sex, given_key, family_key) "
                    + "from stdin", new StringReader(all.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("copy into linkage_encoding failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
