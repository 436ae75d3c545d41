package org.haven.reporting.export;

import java.util.List;

import org.haven.reporting.anonymity.Hierarchies;
import org.haven.reporting.anonymity.QuasiIdentifier;

/** The quasi-identifiers declared for victim exports (CTDC names), with their generalisation hierarchies. */
public final class CtdcQuasiIdentifiers {

    private CtdcQuasiIdentifiers() {
    }

    public static List<QuasiIdentifier<VictimRecord>> all() {
        return List.of(
                new QuasiIdentifier<>("yearOfRegistration", VictimRecord::year, Hierarchies.year()),
                new QuasiIdentifier<>("gender", VictimRecord::gender, Hierarchies.flat("gender")),
                new QuasiIdentifier<>("ageBroad", VictimRecord::ageBroad, Hierarchies.ageBroad()),
                new QuasiIdentifier<>("citizenship", VictimRecord::citizenship, Hierarchies.country()),
                new QuasiIdentifier<>("CountryOfExploitation", VictimRecord::countryOfExploitation,
                        Hierarchies.country()));
    }
}
