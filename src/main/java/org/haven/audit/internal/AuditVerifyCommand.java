package org.haven.audit.internal;

import java.io.PrintStream;
import java.util.List;

import org.haven.audit.AuditChainVerifier;
import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.springframework.stereotype.Component;

/** {@code audit verify}: exit 0 printing the count and head hash, or exit 1 naming the first broken entry. */
@Component
class AuditVerifyCommand implements HavenCommand {

    private final AuditChainVerifier verifier;

    AuditVerifyCommand(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public String name() {
        return "audit verify";
    }

    @Override
    public String summary() {
        return "check the audit hash chain; exit 0 with the count or 1 naming the first broken entry";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            throw new CommandLineUsageException("Usage: audit verify (no arguments)");
        }
        AuditChainVerifier.Result result = verifier.verify();
        if (result.intact()) {
            out.println("Audit chain intact: " + result.count() + " entries; head hash " + result.headHash()
                    + (result.pending() > 0 ? "; " + result.pending() + " newer entries not sealed yet" : ""));
            return 0;
        }
        err.println("Audit chain BROKEN at entry " + result.firstBrokenId() + ": " + result.problem()
                + " (" + result.count() + " entries verified before it)");
        return 1;
    }
}
