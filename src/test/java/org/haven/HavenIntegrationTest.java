package org.haven;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on a random port against real PostgreSQL: the JVM-wide embedded server by default, or the
 * server named by {@code SPRING_DATASOURCE_URL}. Never skipped: no database, no green build. MockMvc is available
 * for HTTP-level tests that act as a fixture user ({@code SecurityFixtures.as(user)}). The scheduled report-summary
 * refresh is off: tests that read summaries refresh them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// The report summaries are refreshed by the tests that read them (summaries.refresh()), never by the schedule: a
// scheduled refresh landing in the middle of a test's setup made DashboardIT depend on which class ran before it.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "haven.reporting.summary-initial-delay-ms=86400000")
@AutoConfigureMockMvc
public @interface HavenIntegrationTest {
}
