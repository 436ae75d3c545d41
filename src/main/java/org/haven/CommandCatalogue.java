package org.haven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Spring-backed commands, listed for {@code help} without starting Spring (which would start the database).
 * Each module declares its commands in {@code META-INF/haven/commands/<module>.properties} (command words, with
 * escaped spaces, = one-line summary), so modules never edit a shared list. {@code CommandLineIT} checks that every
 * {@link org.haven.shared.command.HavenCommand} bean is declared.
 */
final class CommandCatalogue {

    private CommandCatalogue() {
    }

    static List<String[]> springCommands() {
        List<String[]> rows = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/haven/commands/*.properties")) {
                Properties p = new Properties();
                try (InputStream in = r.getInputStream()) {
                    p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
                }
                p.stringPropertyNames().forEach(name -> rows.add(new String[] {name, p.getProperty(name)}));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
