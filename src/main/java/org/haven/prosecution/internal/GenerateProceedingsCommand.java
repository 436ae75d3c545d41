package org.haven.prosecution.internal;

import org.haven.shared.HavenClock;
import java.io.PrintStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.haven.prosecution.DropReason;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.Stage;
import org.haven.security.CreateOrganisation;
import org.haven.security.CurrentUser;
import org.haven.security.FieldEncryption;
import org.haven.security.OrganisationManagement;
import org.haven.security.OrganisationSummary;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.haven.shared.web.InvalidInput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code generate proceedings --count N --seed S}: synthetic proceedings for benchmarks and demos, owned by the
 * organisation "Generated Police Unit" (created if missing). Complaints spread over the last five years and the 25
 * Cambodian provinces; each walks a random way along the stages (some dropped with a reason, some to a verdict), with
 * dated stage history, one sealed synthetic suspect per proceeding and verdicts. Deterministic for a seed. Writes in
 * batches without per-record audit: it creates no real person's data. Prints counts only.
 */
@Component
class GenerateProceedingsCommand implements HavenCommand {

    static final String ORGANISATION = "Generated Police Unit";
    static final String USAGE = "Usage: generate proceedings --count N [--seed S]";

    private final JdbcTemplate jdbc;
    private final OrganisationManagement organisations;
    private final FieldEncryption encryption;
    private final TransactionTemplate tx;
    private final AttritionReadModel readModel;

    GenerateProceedingsCommand(JdbcTemplate jdbc, OrganisationManagement organisations, FieldEncryption encryption,
            TransactionTemplate tx, AttritionReadModel readModel) {
        this.jdbc = jdbc;
        this.readModel = readModel;
        this.organisations = organisations;
        this.encryption = encryption;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "generate proceedings";
    }

    @Override
    public String summary() {
        return "generate N synthetic proceedings (--count N --seed S) for benchmarks and demos";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        int count = -1;
        long seed = 1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                throw new CommandLineUsageException("Missing value for " + a + ". " + USAGE);
            }
            try {
                switch (a) {
                    case "--count" -> count = Integer.parseInt(args.get(++i));
                    case "--seed" -> seed = Long.parseLong(args.get(++i));
                    default -> throw new CommandLineUsageException("Unknown option " + a + ". " + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new CommandLineUsageException("Not a number: " + args.get(i) + ". " + USAGE);
            }
        }
        if (count < 1 || count > 1_000_000) {
            throw new CommandLineUsageException("--count must be between 1 and 1000000. " + USAGE);
        }
        UUID org = asSystem(this::organisation);
        Random random = new Random(seed);
        int batch = 1000;
        int made = 0;
        while (made < count) {
            int n = Math.min(batch, count - made);
            tx.executeWithoutResult(s -> generate(org, random, n));
            made += n;
        }
        out.println("generated " + made + " proceedings for organisation " + org);
        return 0;
    }

    private UUID organisation() {
        try {
            return organisations.create(new CreateOrganisation(ORGANISATION, OrganisationType.POLICE, "KH")).id();
        } catch (InvalidInput taken) {
            for (int page = 0; ; page++) {
                var list = organisations.list(page, 100);
                for (OrganisationSummary o : list.items()) {
                    if (o.name().equals(ORGANISATION)) {
                        return o.id();
                    }
                }
                if (list.items().isEmpty()) {
                    throw taken;
                }
            }
        }
    }

    private <T> T asSystem(java.util.function.Supplier<T> action) {
        CurrentUser system = new CurrentUser(new UUID(0, 0), "system.generator", "Generator", new UUID(0, 0),
                OrganisationType.SYSTEM, "KH", Set.of(Role.SYSTEM_ADMIN));
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(system,
                null, org.haven.security.Authorities.of(system)));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    private static final Stage[] PATH = {Stage.INVESTIGATION, Stage.ARREST, Stage.CHARGE, Stage.TRIAL, Stage.VERDICT,
        Stage.CLOSED};

    private void generate(UUID org, Random r, int n) {
        List<Object[]> proceedings = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        List<Object[]> suspects = new ArrayList<>();
        List<Object[]> defendants = new ArrayList<>();
        LocalDate today = HavenClock.today();
        ExploitationForm[] forms = ExploitationForm.values();
        DropReason[] reasons = DropReason.values();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            LocalDate complaint = today.minusDays(30 + r.nextInt(5 * 365));
            String province = String.format("%02d", 1 + r.nextInt(25));
            ExploitationForm form = forms[Math.min(r.nextInt(forms.length + 3), forms.length - 1) % forms.length];
            // how far it gets: most stop early (the attrition being measured)
            int reach = r.nextDouble() < 0.35 ? 0 : r.nextDouble() < 0.4 ? 1 : 1 + r.nextInt(PATH.length);
            boolean dropped = reach < PATH.length && r.nextDouble() < 0.5;
            LocalDate d = complaint;
            Stage stage = Stage.COMPLAINT;
            history.add(new Object[] {id, "COMPLAINT", Date.valueOf(d), null});
            for (int s = 0; s < reach && s < PATH.length; s++) {
                Stage next = PATH[s];
                if (next == Stage.ARREST && r.nextDouble() < 0.3) {
                    continue;
                }
                LocalDate nd = d.plusDays(5 + r.nextInt(120));
                if (nd.isAfter(today)) {
                    break;
                }
                d = nd;
                stage = next;
                history.add(new Object[] {id, next.name(), Date.valueOf(d), null});
            }
            String dropReason = null;
            String droppedFrom = null;
            if (dropped && !stage.terminal()) {
                LocalDate nd = d.plusDays(10 + r.nextInt(60));
                if (!nd.isAfter(today)) {
                    droppedFrom = stage.name();
                    dropReason = reasons[r.nextInt(reasons.length)].name();
                    d = nd;
                    stage = Stage.DROPPED;
                    history.add(new Object[] {id, "DROPPED", Date.valueOf(d), dropReason});
                }
            }
            proceedings.add(new Object[] {id, org, province, form.name(), stage.name(), Date.valueOf(d),
                    Date.valueOf(complaint), dropReason, droppedFrom});
            if (stage != Stage.COMPLAINT) {
                UUID suspect = UUID.randomUUID();
                // about one in twenty-five suspects is a complicit official (the complicity report has data)
                boolean official = r.nextDouble() < 0.04;
                suspects.add(new Object[] {suspect, org, encryption.encrypt(org, "Generated Suspect " + suspect),
                        official, official ? "POLICE" : null});
                boolean decided = EnumSet.of(Stage.VERDICT, Stage.CLOSED).contains(stage);
                String verdict = decided ? (r.nextDouble() < 0.7 ? "CONVICTED" : "ACQUITTED") : null;
                defendants.add(new Object[] {id, suspect, official ? "FACILITATING_OFFICIAL" : "RECRUITER", verdict,
                        decided ? Date.valueOf(d) : null,
                        "CONVICTED".equals(verdict) ? 84 + r.nextInt(120) : null});
            }
        }
        jdbc.batchUpdate("insert into proceeding (id, owner_organisation_id, country_code, province_code, exploitation_form, "
                + "stage, stage_since, complaint_on, drop_reason, dropped_from, created_by) "
                + "values (?, ?, 'KH', ?, ?, ?, ?, ?, ?, ?, '00000000-0000-0000-0000-000000000000')", proceedings);
        jdbc.batchUpdate("insert into proceeding_stage_history (proceeding_id, stage, entered_on, reason, recorded_by) "
                + "values (?, ?, ?, ?, '00000000-0000-0000-0000-000000000000')", history);
        jdbc.batchUpdate("insert into suspect (id, owner_organisation_id, name_sealed, official, official_agency) "
                + "values (?, ?, ?, ?, ?)", suspects);
        jdbc.batchUpdate("insert into proceeding_defendant (proceeding_id, suspect_id, role, verdict, verdict_on, "
                + "prison_months) values (?, ?, ?, ?, ?, ?)", defendants);
        // the attrition read model, in the batch's transaction as the services do for single changes
        readModel.refreshMissing();
    }
}
