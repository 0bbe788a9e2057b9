package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The model every store starts with, read from the bundled host-model.json. */
class BuiltInHostModelTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    private final HostModel model = BuiltInHostModel.load(CREATED);

    @Test
    void givenTheBundledFile_whenLoaded_thenAttributesAreNumberedInFileOrderAsBuiltInGlobalsOfTheirTypes() {
        Attribute first = model.attributes().get(0);
        Attribute cpu = attribute("bk_cpu");

        assertThat(model.revision()).isEqualTo(1);
        assertThat(model.attributes()).extracting(Attribute::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, model.attributes().size()).boxed().toList());
        assertThat(first.propertyId()).isEqualTo(HostFields.INNER_IP);
        assertThat(cpu.type()).isEqualTo(AttributeType.INT);
        assertThat(model.attributes()).allSatisfy(attribute -> {
            assertThat(attribute.builtIn()).isTrue();
            assertThat(attribute.business()).isNull();
            assertThat(attribute.creator()).isEqualTo(BuiltInHostModel.CREATOR);
            assertThat(attribute.createdAt()).isEqualTo(CREATED);
        });
    }

    @Test
    void givenOptionsInTheFile_whenLoaded_thenTheyArePlainJavaValues() {
        assertThat(attribute("bk_cpu").option()).isEqualTo(Map.of("min", 1L, "max", 1_000_000L));
        assertThat(attribute("bk_cpu_architecture").option())
                .isEqualTo(List.of(Map.of("id", "x86", "name", "X86"), Map.of("id", "arm", "name", "ARM")));
        assertThat(attribute("bk_state").option()).asList().first().isEqualTo("运营中[需告警]");
        assertThat(attribute(HostFields.INNER_IP).option()).isNull();
    }

    @Test
    void givenRulesInTheFile_whenLoaded_thenNumberedInFileOrderWithTheirKeysAsAttributeIds() {
        assertThat(model.uniqueRules()).containsExactly(
                new UniqueRule(1, ids(HostFields.INNER_IP, HostFields.CLOUD_ID), true, true, CREATED),
                new UniqueRule(2, ids(HostFields.INNER_IP_V6, HostFields.CLOUD_ID), true, true, CREATED),
                new UniqueRule(3, ids("bk_agent_id"), true, false, CREATED),
                new UniqueRule(4, ids("bk_cloud_inst_id", "bk_cloud_vendor"), true, false, CREATED),
                new UniqueRule(5, ids(HostFields.OUTER_IP), false, false, CREATED));
    }

    private Attribute attribute(String propertyId) {
        return model.attribute(propertyId, BusinessId.of(1)).orElseThrow();
    }

    private List<Long> ids(String... propertyIds) {
        return Arrays.stream(propertyIds).map(id -> attribute(id).id()).toList();
    }
}
