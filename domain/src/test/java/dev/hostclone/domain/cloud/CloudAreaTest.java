package dev.hostclone.domain.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a search sees of an area is what a condition may name: the map and the set are written apart. */
class CloudAreaTest {

    @Test
    void givenTheBuiltInAreaAndOneWithAProperty_whenSearchable_thenEachHoldsTheSearchableFieldsAndNoOther() {
        CloudArea builtIn = new CloudArea(CloudAreaId.DEFAULT, CloudArea.DEFAULT_NAME, "", Instant.EPOCH);
        CloudArea made = new CloudArea(CloudAreaId.of(2), "aws", "alice", Instant.EPOCH, Map.of("bk_region", "ap-1"));

        assertThat(builtIn.searchable()).containsOnlyKeys(CloudArea.SEARCHABLE).containsEntry(CloudArea.BUILT_IN, 1L);
        assertThat(made.searchable()).containsOnlyKeys(CloudArea.SEARCHABLE).containsEntry(CloudArea.BUILT_IN, 0L)
                .containsEntry(CloudArea.LAST_EDITOR, "alice").containsEntry("bk_region", "ap-1");
    }
}
