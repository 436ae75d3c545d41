package org.haven.cases;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds a survivor with distinctive synthetic names (Latin and Khmer), phone, address, note, consent witness and an
 * attachment file name, then looks for them (a) in a text dump of every table ({@code COPY … TO STDOUT}; pg_dump 17
 * is not on this machine) and (b) in the raw files of the PostgreSQL data directory after a CHECKPOINT. The canaries
 * are found through the application (so they were stored) and nowhere in the database (so they were sealed).
 */
@HavenIntegrationTest
class EncryptionCanaryIT {

    static final String FAMILY = "Zqxcanaryfam";
    static final String GIVEN = "Vwkcanarygiv";
    static final String KHMER = "ឃ្ញុំកាណារី";
    static final String PHONE = "+855 97 314 159 26";
    static final String ADDRESS = "Canary lane 7e3f";
    static final String NOTE = "Canarynote survivor said pqzw";
    static final String WITNESS = "Canarywitness Jxqv";
    static final String ALIAS = "Canaryalias Mrrp";

    @Autowired
    CaseManagement cases;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void noSurvivorNamePhoneOrNoteIsStoredInPlainText() throws Exception {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        CurrentUser caseworker = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        SecurityFixtures.signIn(caseworker);
        OpenedCase opened = cases.registerSurvivor(new RegisterSurvivor(new SurvivorIdentity(FAMILY, GIVEN, KHMER, null,
                List.of(ALIAS), LocalDate.of(2001, 2, 3), PHONE, ADDRESS,
                List.of(new IdentityDocument("NATIONAL_ID", "CANARYID998877", "KHM"))),
                CaseFixtures.adultWoman(), LocalDate.now(CaseManagement.ZONE), "HOTLINE", "HIGH", null, true));
        cases.addNote(opened.caseId(), NOTE);
        cases.recordConsent(opened.caseId(), new RecordConsent("STATISTICS", null, null, "SURVIVOR", null,
                "VERBAL_WITH_WITNESS", WITNESS, LocalDate.now(CaseManagement.ZONE), null));
        cases.recordService(opened.caseId(), new RecordService("MEDICAL", null, null, LocalDate.now(CaseManagement.ZONE),
                null, "Test donor", NOTE + " service"));
        // Stored and readable through the application:
        assertThat(cases.viewCase(opened.caseId()).identity().phone()).isEqualTo(PHONE);
        assertThat(cases.findCases(new CaseSearch(GIVEN, null, null, null, null, null), 0, 5).items()).hasSize(1);
        SecurityFixtures.signOut();

        List<String> canaries = List.of(FAMILY, GIVEN, KHMER, PHONE, "97 314 159", ADDRESS, NOTE, "Canarynote",
                WITNESS, ALIAS, "CANARYID998877", FAMILY.toLowerCase(), "zqxcanaryfam");

        String dump = dumpEveryTable();
        assertThat(dump).as("dump of every table").contains(opened.caseCode());
        for (String canary : canaries) {
            assertThat(dump).as("table dump contains " + canary).doesNotContain(canary);
        }

        jdbc.sql("checkpoint").update();
        Path dataDir = Path.of(jdbc.sql("show data_directory").query(String.class).single());
        List<byte[]> needles = new ArrayList<>();
        canaries.forEach(c -> needles.add(c.getBytes(StandardCharsets.UTF_8)));
        byte[] codeNeedle = opened.caseCode().getBytes(StandardCharsets.US_ASCII);
        boolean codeSeen = false;
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    continue;
                }
                codeSeen |= indexOf(content, codeNeedle) >= 0;
                for (int i = 0; i < needles.size(); i++) {
                    assertThat(indexOf(content, needles.get(i))).as(canaries.get(i) + " in " + file).isEqualTo(-1);
                }
            }
        }
        assertThat(codeSeen).as("the scan reads the files the data is in").isTrue();
    }

    private String dumpEveryTable() throws Exception {
        List<String> tables = jdbc.sql("select quote_ident(schemaname) || '.' || quote_ident(tablename) from pg_tables "
                + "where schemaname not in ('pg_catalog', 'information_schema')").query(String.class).list();
        StringWriter out = new StringWriter();
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            for (String t : tables) {
                pg.getCopyAPI().copyOut("COPY " + t + " TO STDOUT", new WriterAdapter(out));
            }
        }
        return out.toString();
    }

    /** CopyManager writes to an OutputStream or Writer; collect as text. */
    private static final class WriterAdapter extends java.io.Writer {
        private final StringWriter target;

        WriterAdapter(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            target.write(cbuf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
