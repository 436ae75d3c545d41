package org.haven.cases.internal;

import org.haven.shared.HavenClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseSettings;
import org.haven.places.Gazetteer;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code generate --survivors N --seed S [--organisation ID]}: fills the database with synthetic survivors and their
 * cases, screenings, exploitation episodes, services and follow-ups for benchmarks, with Cambodian distributions
 * (Khmer names from the bundled kname list with romanisation variants; recruitment places weighted towards the
 * border and migration provinces; forced labour in fishing, construction, agriculture and scam compounds; sexual
 * exploitation; forced marriage). Everything is sealed and blind-indexed exactly as registration does, then written
 * with JDBC batches (sent as multi-row inserts), one transaction per 1,000 survivors, by two or more workers. Names are marked synthetic ("Synthetic" in other names).
 * The organisation defaults to the oldest shelter; cases go to its caseworkers (read from the security tables).
 */
@Component
class SurvivorGenerator implements HavenCommand {

    static final int BATCH = 1000;
    /** Provinces where many recruitments happen (NCDD codes), weighted by repetition. */
    static final String[] RECRUITMENT_PROVINCES = {"01", "01", "02", "02", "03", "14", "14", "20", "20", "17", "21",
            "05", "06", "18", "25", "12", "08", "22"};
    static final String[] COUNTRIES = {"THA", "THA", "THA", "MYS", "CHN", "VNM", "KHM", "KHM", "MMR", "IDN"};

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Sealer sealer;
    private final Gazetteer gazetteer;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final CaseSettings settings;

    SurvivorGenerator(JdbcClient jdbc, JdbcTemplate template, Sealer sealer, Gazetteer gazetteer, TransactionTemplate tx,
            AuditLog audit, CaseSettings settings) {
        this.jdbc = jdbc;
        this.template = template;
        this.sealer = sealer;
        this.gazetteer = gazetteer;
        this.tx = tx;
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "fill the database with N synthetic survivors and cases for benchmarks (--survivors N --seed S)";
    }

    record Name(String familyKm, String givenKm, String family, String given, String gender) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        int n = -1;
        long seed = 1;
        UUID org = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() ? args.get(i + 1) : null;
            try {
                switch (a) {
                    case "--survivors" -> { n = Integer.parseInt(v); i++; }
                    case "--seed" -> { seed = Long.parseLong(v); i++; }
                    case "--organisation" -> { org = UUID.fromString(v); i++; }
                    default -> throw new CommandLineUsageException("unknown option " + a
                            + "; usage: generate --survivors N [--seed S] [--organisation ID]");
                }
            } catch (NumberFormatException | NullPointerException e) {
                throw new CommandLineUsageException("usage: generate --survivors N [--seed S] [--organisation ID]");
            } catch (IllegalArgumentException e) {
                throw new CommandLineUsageException("--organisation needs an organisation id");
            }
        }
        if (n < 1 || n > 5_000_000) {
            throw new CommandLineUsageException("usage: generate --survivors N [--seed S] [--organisation ID] (1 ≤ N ≤ 5,000,000)");
        }
        UUID organisation = org != null ? org : jdbc.sql("select id from organisation where type = 'SHELTER' and enabled "
                + "order by created_at, name limit 1").query(UUID.class).optional().orElse(null);
        if (organisation == null) {
            err.println("no shelter organisation: create one (or start with the demo profile) first");
            return 1;
        }
        List<UUID> workers = jdbc.sql("select u.id from app_user u join user_role r on r.user_id = u.id "
                + "where u.organisation_id = ? and r.role in ('CASEWORKER', 'CASE_SUPERVISOR') order by u.username")
                .param(organisation).query(UUID.class).list();
        long started = System.nanoTime();
        Generated g = generate(organisation, workers, n, seed);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("generated %d survivors, %d cases, %d name keys, %d episodes, %d services, %d follow-ups in %.1f s%n",
                n, n, g.nameKeys, g.episodes, g.services, g.followUps, seconds);
        return 0;
    }

    record Generated(long nameKeys, long episodes, long services, long followUps) {
    }

    /**
     * Batches are independent (each draws from its own {@code Random(seed, batch)}), so two workers fill them in
     * parallel: while one seals and hashes in Java, the other's batch is inserted by PostgreSQL. The result depends
     * on the seed only, not on the interleaving, except for which worker wins a rare case-code collision.
     */
    Generated generate(UUID org, List<UUID> workers, int n, long seed) {
        List<Name> names = names();
        List<String> villages = villages(new Random(seed));
        LocalDate today = HavenClock.today();
        Set<String> codes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        codes.addAll(jdbc.sql("select case_code from survivor_case").query(String.class).list());
        java.util.concurrent.atomic.AtomicLongArray totals = new java.util.concurrent.atomic.AtomicLongArray(4);
        int batches = (n + BATCH - 1) / BATCH;
        java.util.concurrent.atomic.AtomicInteger nextBatch = new java.util.concurrent.atomic.AtomicInteger();
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                        generateBatch(org, workers, n, seed, b, names, villages, today, codes, totals);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        // Bulk-loaded tables have no visibility map and stale statistics until autovacuum comes round: index-only
        // scans then visit the heap and plans misjudge sizes. Do it now (outside a transaction, as VACUUM requires).
        template.execute("vacuum analyze survivor, survivor_name_key, survivor_case, case_screening, case_episode, "
                + "case_service, case_follow_up, case_consent");
        tx.executeWithoutResult(t -> audit.record(AuditEntry.change("case", "case.generate", List.of())
                .withDetail("survivors", n).withDetail("seed", seed).withDetail("organisation", org)));
        return new Generated(totals.get(0), totals.get(1), totals.get(2), totals.get(3));
    }

    private void generateBatch(UUID org, List<UUID> workers, int n, long seed, int batch, List<Name> names,
            List<String> villages, LocalDate today, Set<String> codes,
            java.util.concurrent.atomic.AtomicLongArray totals) {
        Random r = new Random(seed * 1_000_003L + batch);
        int start = batch * BATCH;
        {
            int size = Math.min(BATCH, n - start);
            List<Object[]> survivors = new ArrayList<>(size);
            List<Object[]> keys = new ArrayList<>(size * 8);
            List<Object[]> cases = new ArrayList<>(size);
            List<Object[]> screenings = new ArrayList<>(size);
            List<Object[]> episodes = new ArrayList<>(size * 2);
            List<Object[]> services = new ArrayList<>(size * 2);
            List<Object[]> followUps = new ArrayList<>(size * 3);
            List<Object[]> consents = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Name name = names.get(r.nextInt(names.size()));
                boolean female = r.nextDouble() < 0.62;
                String given = variant(name.given(), r);
                SurvivorIdentity identity = new SurvivorIdentity(variant(name.family(), r), given, name.familyKm(),
                        name.givenKm(), List.of("Synthetic " + (start + i)), null,
                        r.nextDouble() < 0.6 ? "+855 " + (10 + r.nextInt(89)) + " " + (100000 + r.nextInt(899999)) : null,
                        null, List.of());
                UUID survivorId = new UUID(r.nextLong(), r.nextLong());
                int age = r.nextDouble() < 0.28 ? 12 + r.nextInt(6) : 18 + (int) Math.abs(r.nextGaussian() * 9);
                LocalDate identified = today.minusDays(r.nextInt(365 * 8));
                int birthYear = identified.getYear() - age;
                survivors.add(new Object[] {survivorId, org, sealer.sealJson(org, identity), female ? "FEMALE" : "MALE",
                        female ? "WOMAN" : "MAN", birthYear, r.nextDouble() < 0.3, "KHM", "km",
                        villages.get(r.nextInt(villages.size()))});
                Set<String> nameKeys = new TreeSet<>();
                NameKeys.survivorKeys(NameIndex.names(identity)).forEach(k -> nameKeys.add(sealer.nameIndex(k)));
                nameKeys.forEach(k -> keys.add(new Object[] {survivorId, k}));
                UUID caseId = new UUID(r.nextLong(), r.nextLong());
                String code;
                do {
                    code = CaseCode.next(r);
                } while (!codes.add(code));
                double s = r.nextDouble();
                String status = s < 0.15 ? "OPEN" : s < 0.55 ? "ACTIVE" : s < 0.85 ? "REINTEGRATION" : "CLOSED";
                LocalDate reintegration = status.equals("REINTEGRATION") || status.equals("CLOSED")
                        ? identified.plusDays(60 + r.nextInt(300)) : null;
                if (reintegration != null && reintegration.isAfter(today)) {
                    reintegration = today.minusDays(r.nextInt(30));
                }
                String[] channels = {"HOTLINE", "POLICE_OPERATION", "SELF_REFERRAL", "OUTREACH", "REPATRIATION",
                        "REPATRIATION", "EMBASSY", "OTHER"};
                cases.add(new Object[] {caseId, survivorId, org, code, status,
                        workers.isEmpty() ? null : workers.get(r.nextInt(workers.size())),
                        new String[] {"LOW", "MEDIUM", "MEDIUM", "HIGH"}[r.nextInt(4)], identified,
                        channels[r.nextInt(channels.length)], reintegration,
                        status.equals("CLOSED") ? "REINTEGRATED" : null});
                // Exploitation: forced labour (sector), sexual exploitation, forced marriage, forced criminality.
                double f = r.nextDouble();
                String form = f < 0.45 ? "FORCED_LABOUR" : f < 0.70 ? "SEXUAL_EXPLOITATION" : f < 0.80 ? "FORCED_MARRIAGE"
                        : f < 0.95 ? "FORCED_CRIMINALITY" : "BEGGING";
                String[] sectors = {"A_AGRICULTURE_FORESTRY_FISHING", "A_AGRICULTURE_FORESTRY_FISHING", "F_CONSTRUCTION",
                        "C_MANUFACTURING", "T_DOMESTIC_WORK"};
                String sector = form.equals("FORCED_LABOUR") ? sectors[r.nextInt(sectors.length)] : null;
                LocalDate recruited = identified.minusDays(30 + r.nextInt(700));
                String[] relations = {"FRIEND_OR_NEIGHBOUR", "FAMILY", "EMPLOYER_OR_BROKER", "EMPLOYER_OR_BROKER", "STRANGER"};
                episodes.add(new Object[] {new UUID(r.nextLong(), r.nextLong()), caseId, "RECRUITMENT", recruited, recruited,
                        "KHM", villages.get(r.nextInt(villages.size())), form, sector, new String[] {"FALSE_PROMISES"},
                        relations[r.nextInt(relations.length)]});
                String country = form.equals("FORCED_CRIMINALITY") ? (r.nextBoolean() ? "KHM" : "MMR")
                        : COUNTRIES[r.nextInt(COUNTRIES.length)];
                episodes.add(new Object[] {new UUID(r.nextLong(), r.nextLong()), caseId, "EXPLOITATION", recruited.plusDays(7),
                        identified.minusDays(r.nextInt(20)), country, null, form, sector,
                        new String[] {"WITHHOLDS_DOCUMENTS", "DEBT_BONDAGE"}, null});
                boolean child = age < 18;
                String[] codesSel = child ? new String[] {"ACT.RECRUITMENT", "PURPOSE.FORCED_LABOUR"}
                        : new String[] {"ACT.RECRUITMENT", "MEANS.DECEPTION", "PURPOSE.FORCED_LABOUR", "ILO07"};
                screenings.add(new Object[] {new UUID(r.nextLong(), r.nextLong()), caseId, "2026.1", identified,
                        Math.max(age - 1, 0), codesSel, true, !child, !child, true, "INDICATORS_MET"});
                String[] serviceTypes = {"SHELTER", "MEDICAL", "PSYCHOSOCIAL", "LEGAL_AID", "VOCATIONAL_TRAINING",
                        "REINTEGRATION_SUPPORT", "CASH_SUPPORT", "EDUCATION"};
                String[] funders = {"Synthetic Donor A", "Synthetic Donor B", "Government", "Own funds"};
                for (int k = 0, m = 1 + r.nextInt(3); k < m; k++) {
                    LocalDate from = identified.plusDays(r.nextInt(60));
                    services.add(new Object[] {new UUID(r.nextLong(), r.nextLong()), caseId,
                            serviceTypes[r.nextInt(serviceTypes.length)], org, from.isAfter(today) ? today : from,
                            funders[r.nextInt(funders.length)]});
                }
                if (r.nextDouble() < 0.85) { // most survivors agree to the use of their data in statistics
                    consents.add(new Object[] {new UUID(r.nextLong(), r.nextLong()), caseId, "STATISTICS", "SURVIVOR",
                            r.nextBoolean() ? "SIGNATURE" : "THUMBPRINT", identified});
                }
                if (reintegration != null) {
                    for (int months : settings.followUpMonths()) {
                        LocalDate due = reintegration.plusMonths(months);
                        boolean done = due.isBefore(today) && r.nextDouble() < 0.8;
                        followUps.add(new Object[] {new UUID(r.nextLong(), r.nextLong()), caseId, months, due,
                                done ? due.plusDays(r.nextInt(10)) : null,
                                done ? 1 + r.nextInt(5) : null, done ? 1 + r.nextInt(5) : null});
                    }
                }
            }
            tx.executeWithoutResult(t -> {
                batch("insert into survivor (id, organisation_id, identity_sealed, sex, gender, birth_year, "
                        + "birth_year_estimated, nationality, languages, origin_place_code) values (?,?,?,?,?,?,?,?,?,?)", survivors);
                batch("insert into survivor_name_key (survivor_id, key_hash) values (?, ?)", keys);
                batch("insert into survivor_case (id, survivor_id, organisation_id, case_code, status, assigned_caseworker_id, "
                        + "risk_level, identified_on, identification_channel, reintegration_started_on, closure_reason) "
                        + "values (?,?,?,?,?,?,?,?,?,?,?)", cases);
                batch("insert into case_screening (id, case_id, instrument_version, screened_on, age_at_recruitment, "
                        + "indicator_codes, act_met, means_met, means_required, purpose_met, outcome) values (?,?,?,?,?,?,?,?,?,?,?)",
                        screenings);
                batch("insert into case_episode (id, case_id, stage, started_on, ended_on, country_code, place_code, form, "
                        + "sector, means_codes, recruiter_relation) values (?,?,?,?,?,?,?,?,?,?,?)", episodes);
                batch("insert into case_service (id, case_id, service_type, provider_org_id, started_on, funding_source) "
                        + "values (?,?,?,?,?,?)", services);
                batch("insert into case_consent (id, case_id, scope, given_by, method, given_on) values (?,?,?,?,?,?)",
                        consents);
                batch("insert into case_follow_up (id, case_id, months_after, due_on, done_on, score_safety, score_wellbeing) "
                        + "values (?,?,?,?,?,?,?)", followUps);
            });
            totals.addAndGet(0, keys.size());
            totals.addAndGet(1, episodes.size());
            totals.addAndGet(2, services.size());
            totals.addAndGet(3, followUps.size());
        }
    }

    private void batch(String sql, List<Object[]> rows) {
        template.batchUpdate(sql, rows, rows.size(), (PreparedStatement ps, Object[] row) -> {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v instanceof String[] arr) {
                    ps.setArray(i + 1, ps.getConnection().createArrayOf("text", arr));
                } else if (v instanceof LocalDate d) {
                    ps.setObject(i + 1, d);
                } else {
                    ps.setObject(i + 1, v);
                }
            }
        });
    }

    /** Common romanisation variants so that searches meet the spellings caseworkers type. */
    static String variant(String latin, Random r) {
        if (latin == null || latin.isEmpty() || r.nextDouble() > 0.25) {
            return latin;
        }
        return switch (r.nextInt(4)) {
            case 0 -> latin.replace("kh", "k").replace("Kh", "K");
            case 1 -> latin.replace("ch", "chh");
            case 2 -> latin.endsWith("a") ? latin + "r" : latin;
            default -> latin.replace("o", "ou");
        };
    }

    static List<Name> names() {
        try (InputStream in = SurvivorGenerator.class.getResourceAsStream("/cases/kname_khmer_names.csv")) {
            List<Name> out = new ArrayList<>();
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                out.add(new Name(rec.get("surname"), rec.get("givenName"), rec.get("romanizedSurname"),
                        rec.get("romanizedGiven"), rec.get("gender")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Village codes of the recruitment provinces, weighted; district codes when no gazetteer is imported. */
    List<String> villages(Random r) {
        List<String> out = new ArrayList<>();
        for (String province : RECRUITMENT_PROVINCES) {
            gazetteer.descendantsAndSelf(province).stream().filter(c -> c.length() == 8).forEach(out::add);
        }
        if (out.isEmpty()) {
            for (String province : RECRUITMENT_PROVINCES) {
                for (int d = 1; d <= 8; d++) {
                    out.add(province + String.format("%02d", d));
                }
            }
        }
        return out;
    }

}
