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
 * for HTTP-level tests that act as a fixture user ({@code SecurityFixtures.as(user)}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public @interface HavenIntegrationTest {
}
