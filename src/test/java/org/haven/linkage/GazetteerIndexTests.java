package org.haven.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.haven.linkage.engine.Gazetteer;
import org.junit.jupiter.api.Test;

/** The shipped gazetteer index is what the current name normaliser computes from gazetteer.csv. */
class GazetteerIndexTests {

    @Test
    void shippedIndexIsCurrent() throws IOException {
        assertThat(Files.readAllLines(Path.of("src/main/resources/linkage/gazetteer_index.csv"), StandardCharsets.UTF_8))
                .as("regenerate with: java -cp target/classes org.haven.linkage.engine.Gazetteer "
                        + "src/main/resources/linkage/gazetteer_index.csv")
                .isEqualTo(Gazetteer.buildIndex());
    }

    @Test
    void aVillageLiesWithinItsCommuneAndKhmerNamesHaveKeys() {
        Gazetteer g = Gazetteer.get();
        String province = g.keyOfKhmer("បន្ទាយមានជ័យ");
        String district = g.keyOfKhmer("មង្គលបូរី");
        assertThat(province).isNotNull();
        assertThat(district).isNotNull();
        assertThat(g.within(district, province)).isTrue();
        assertThat(g.within(province, district)).isFalse();
    }
}
