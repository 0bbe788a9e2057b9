package dev.hostclone.domain.creation;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.business.Business;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewBusinessTest {

    @Test
    void givenNameAndMaintainer_whenChecking_thenDefaultsAreFilledIn() {
        assertThat(NewBusiness.properties(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice,bob")))
                .containsEntry("bk_biz_name", "shop")
                .containsEntry("bk_biz_maintainer", "alice,bob")
                .containsEntry("time_zone", "Asia/Shanghai")
                .containsEntry("language", "1")
                .containsEntry("life_cycle", "2");
    }

    /** BlueKing's own example of create_business sends the stamps, empty or named: taken, and left to the service. */
    @Test
    void givenTheStampsOfBlueKingsExample_whenChecking_thenTheyAreTakenAndNotKept() {
        Map<String, Object> properties = NewBusiness.properties(Map.of("bk_biz_name", "main-a1",
                "bk_biz_maintainer", "admin", "bk_created_at", "", "bk_updated_at", "",
                "bk_created_by", "admin", "bk_updated_by", "admin"));

        assertThat(properties).doesNotContainKeys("bk_created_at", "bk_updated_at", "bk_created_by", "bk_updated_by")
                .containsEntry("bk_biz_name", "main-a1");
    }

    @Test
    void givenAStampThatIsNoText_whenChecking_thenItIsNotAllowed() {
        assertThatThrownBy(() -> NewBusiness.properties(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice",
                "bk_created_at", 1_700_000_000L)))
                .isInstanceOfSatisfying(RejectedException.class, rejected -> assertThat(rejected.failure())
                        .isEqualTo(new Failure.InvalidValue("bk_created_at", InvalidReason.WRONG_TYPE_OR_OPTION, 1_700_000_000L)));
    }

    @Test
    void givenNoName_whenChecking_thenNameIsUnassigned() {
        assertThatThrownBy(() -> NewBusiness.properties(Map.of("bk_biz_maintainer", "alice")))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.failure()).isEqualTo(new Failure.MissingField("bk_biz_name")));
    }

    @Test
    void givenNoMaintainer_whenChecking_thenMaintainerIsUnassigned() {
        assertThatThrownBy(() -> NewBusiness.properties(Map.of("bk_biz_name", "shop")))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.failure()).isEqualTo(new Failure.MissingField("bk_biz_maintainer")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , ,", ",,,"})
    void givenAMaintainerListOfCommasAlone_whenChecking_thenMaintainerIsUnassigned(String maintainers) {
        assertThatThrownBy(() -> NewBusiness.properties(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", maintainers)))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.failure()).isEqualTo(new Failure.MissingField("bk_biz_maintainer")));
    }

    @Test
    void givenMaintainersNamedInOtherScripts_whenChecking_thenTheyAreKept() {
        assertThat(NewBusiness.properties(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "张三, josé,अनिल",
                "bk_biz_productor", "müller")))
                .containsEntry("bk_biz_maintainer", "张三,josé,अनिल")
                .containsEntry("bk_biz_productor", "müller");
    }

    @Test
    void givenAMaintainerNameWithASpace_whenChecking_thenItIsNotAllowed() {
        assertThatThrownBy(() -> NewBusiness.properties(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "张三,li si")))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.InvalidValue("bk_biz_maintainer", InvalidReason.NOT_ALLOWED, "li si")));
    }

    @Test
    void givenUnknownLifeCycle_whenChecking_thenItIsNotAllowed() {
        assertThatThrownBy(() -> NewBusiness.properties(
                Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice", "life_cycle", "7")))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.InvalidValue("life_cycle", InvalidReason.NOT_ALLOWED, "7")));
    }

    @Test
    void givenMaintainersWithSpaces_whenReadingTheBusiness_thenEachUserIsListed() {
        Business business = new Business(BusinessId.of(2), Map.of("bk_biz_maintainer", "alice, bob"));

        assertThat(business.maintainers()).containsExactly("alice", "bob");
    }
}
