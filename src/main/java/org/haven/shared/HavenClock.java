package org.haven.shared;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The installation's calendar. Every "today" in Haven — whether a consent is in effect, whether a follow-up is
 * overdue, which day a date field may not pass — is a day in this zone, never the server's (which is usually UTC):
 * otherwise a consent recorded "today" in Phnom Penh after 00:00 is still "tomorrow" to a module that asks the
 * server, and is refused for seven hours a day.
 */
public final class HavenClock {

    /** Cambodia, Thailand, Laos and Viet Nam share UTC+7 without daylight saving. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Phnom_Penh");

    private HavenClock() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** The system clock in the installation's zone (for services that take an injectable {@link Clock}). */
    public static Clock clock() {
        return Clock.system(ZONE);
    }
}
