package org.haven.linkage.internal;

import java.io.PrintStream;
import java.util.List;

import org.haven.shared.command.CommandLineUsageException;
import org.haven.shared.command.HavenCommand;
import org.springframework.stereotype.Component;

/**
 * {@code linkage encode}: encodes every survivor whose linkage encoding is missing or stale (backfill after an
 * import, generated data or an upgrade) and refreshes their candidate pairs. Prints counts only.
 */
@Component
class LinkageEncodeCommand implements HavenCommand {

    private final SurvivorEncodings encodings;

    LinkageEncodeCommand(SurvivorEncodings encodings) {
        this.encodings = encodings;
    }

    @Override
    public String name() {
        return "linkage encode";
    }

    @Override
    public String summary() {
        return "encode survivors for in-application linkage (missing or stale encodings) and refresh candidate pairs";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            throw new CommandLineUsageException("Usage: linkage encode (no options)");
        }
        long started = System.nanoTime();
        int n = encodings.reconcile();
        out.printf("linkage encode: %d survivors encoded in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
