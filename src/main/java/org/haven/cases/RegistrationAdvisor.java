package org.haven.cases;

import java.util.List;

import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.SurvivorProfile;

/**
 * Extra warnings shown before a survivor is registered on the registration page, contributed by modules that depend
 * on cases (linkage: a possible match at another organisation, found on keyed encodings). An implementation checks
 * the current user itself, audits what it reads, and must not reveal another organisation's record: it returns
 * message codes and arguments only. Additive SPI: cases works without any implementation.
 */
public interface RegistrationAdvisor {

    /** One warning: message code and arguments, and the message code of the "register anyway" confirmation. */
    record Advice(String messageCode, List<String> arguments, String confirmCode) {
        public Advice {
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }

        public Object[] args() {
            return arguments.toArray();
        }
    }

    /**
     * Warnings about this registration (empty: nothing to add).
     *
     * @param alreadyNamed the exact duplicates the page already shows, as {@code CaseManagement.findPossibleDuplicates}
     *                     found (and audited) them: an advisor leaves these out instead of asking again
     */
    List<Advice> advise(SurvivorIdentity identity, SurvivorProfile profile,
            List<CaseViews.PossibleDuplicate> alreadyNamed);
}
