package org.haven.reporting.anonymity;

import java.util.function.Function;

/** A declared quasi-identifier of a record type: its name, how to read it, and how to generalise it. */
public record QuasiIdentifier<R>(String name, Function<R, String> value, Hierarchy hierarchy) {
}
