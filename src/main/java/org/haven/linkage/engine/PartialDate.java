package org.haven.linkage.engine;

/**
 * A birth date that may be partial (month or day 0 = unknown) or estimated (from a declared age or marked "~", "?",
 * "approx."). Year 0 = unknown.
 */
public record PartialDate(int year, int month, int day, boolean estimated) {

    public static final PartialDate UNKNOWN = new PartialDate(0, 0, 0, false);

    public boolean known() {
        return year > 0;
    }

    public boolean full() {
        return year > 0 && month > 0 && day > 0 && !estimated;
    }
}
