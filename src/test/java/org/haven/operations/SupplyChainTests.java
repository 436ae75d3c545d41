package org.haven.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SupplyChainTests {

    @Test
    void everyBuildProducesACycloneDxSbomThatIsPackagedInTheJar() throws Exception {
        Path sbom = Path.of("target/classes/META-INF/sbom/application.cdx.json");
        assertThat(sbom).exists();
        JsonNode root = new ObjectMapper().readTree(sbom.toFile());
        assertThat(root.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(root.path("components").size()).isGreaterThan(50);
        assertThat(root.path("components").toString()).contains("\"name\":\"postgresql\"").contains("spring-security-core");
    }

    @Test
    void dependencyVersionsArePinned() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        // No ranges, no LATEST/RELEASE, no snapshots of others' artifacts.
        Matcher versions = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        while (versions.find()) {
            String v = versions.group(1);
            assertThat(v).doesNotContain("[").doesNotContain("(").isNotIn("LATEST", "RELEASE");
        }
        assertThat(pom.split("SNAPSHOT", -1).length - 1).as("only Haven's own version may be a snapshot").isEqualTo(1);
    }
}
