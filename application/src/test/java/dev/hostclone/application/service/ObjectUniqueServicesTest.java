package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.MALLORY;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.failureOf;
import static dev.hostclone.application.service.Fixtures.join;
import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.BatchUpdateHostCommand;
import dev.hostclone.application.port.in.CreateObjectUniqueCommand;
import dev.hostclone.application.port.in.DeleteObjectUniqueCommand;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.Failure.UniqueRuleOverlaps.Overlap;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ObjectUniqueServicesTest {

    private final FakeHosts store = new FakeHosts();
    private final CreateObjectUniqueService create =
            new CreateObjectUniqueService(store, store, Fixtures.authorization(), () -> NOW);
    private final DeleteObjectUniqueService delete = new DeleteObjectUniqueService(store, store, Fixtures.authorization());
    private final SearchObjectUniqueService search = new SearchObjectUniqueService(store);

    @Test
    void givenAnyUser_whenSearching_thenEveryRuleComesBackInModelOrder() {
        assertThat(join(search.searchUniqueRules(MALLORY))).extracting(UniqueRule::id).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void givenHostsWithDistinctValues_whenCreatingARule_thenItIsStoredWithTheirKeysUnderTheAssignedId() {
        store.with(aHost().withId(10).with("bk_host_name", "web").build(), aHost().withId(11).with("bk_host_name", "db").build(),
                aHost().withId(12).build());

        UniqueRule rule = join(create.createUniqueRule(ADMIN, CreateObjectUniqueCommand.over(8L)));

        assertThat(rule).isEqualTo(new UniqueRule(5, List.of(8L), false, false, NOW));
        assertThat(store.model.uniqueRule(5)).contains(rule);
        assertThat(store.keysByRule.get(5L)).hasSize(2).containsValues(HostId.of(10), HostId.of(11))
                .allSatisfy((text, owner) -> assertThat(text).startsWith("5"));
    }

    @Test
    void givenHostsSharingAValue_whenCreatingARule_thenTheExistingDataViolatesItAndNothingIsStored() {
        store.with(aHost().withId(10).with("bk_host_name", "web").build(), aHost().withId(11).with("bk_host_name", "web").build());

        assertThat(failureOf(() -> create.createUniqueRule(ADMIN, CreateObjectUniqueCommand.over(8L))))
                .isEqualTo(new Failure.ExistingDataViolatesRule(List.of("bk_host_name"), List.of("web")));
        assertThat(store.model.uniqueRules()).hasSize(4);
    }

    @Test
    void givenKeysContainingAnExistingRule_whenCreating_thenTheOverlapIsNamed() {
        assertThat(failureOf(() -> create.createUniqueRule(ADMIN, CreateObjectUniqueCommand.over(2L, 8L))))
                .isEqualTo(new Failure.UniqueRuleOverlaps(4, Overlap.EXISTING_IS_SUBSET));
        assertThat(store.model.uniqueRules()).hasSize(4);
    }

    @Test
    void givenMaintainer_whenCreatingOrDeleting_thenEditingTheModelIsMissing() {
        Failure expected = new Failure.PermissionMissing(List.of(Permission.onPlatform(Action.EDIT_MODEL, Resource.MODEL)));

        assertThat(failureOf(() -> create.createUniqueRule(ALICE, CreateObjectUniqueCommand.over(8L))))
                .isEqualTo(expected);
        assertThat(failureOf(() -> delete.deleteUniqueRule(ALICE, new DeleteObjectUniqueCommand(4))))
                .isEqualTo(expected);
        assertThat(store.model.uniqueRules()).hasSize(4);
    }

    @Test
    void givenUserCreatedRule_whenDeleting_thenItIsGone() {
        join(delete.deleteUniqueRule(ADMIN, new DeleteObjectUniqueCommand(4)));

        assertThat(store.model.uniqueRule(4)).isEmpty();
    }

    @Test
    void givenBuiltInRule_whenDeleting_thenItIsForbidden() {
        assertThat(failureOf(() -> delete.deleteUniqueRule(ADMIN, new DeleteObjectUniqueCommand(1))))
                .isEqualTo(new Failure.Forbidden("id", InvalidReason.BUILT_IN, 1L));
        assertThat(store.model.uniqueRule(1)).isPresent();
    }

    @Test
    void givenUnknownRule_whenDeleting_thenItDoesNotExist() {
        assertThat(failureOf(() -> delete.deleteUniqueRule(ADMIN, new DeleteObjectUniqueCommand(99))))
                .isEqualTo(new Failure.InvalidValue("id", InvalidReason.DOES_NOT_EXIST, 99L));
        assertThat(store.model.uniqueRules()).hasSize(4);
    }

    @Test
    void givenRuleDeletedByAnotherRequestMeanwhile_whenDeleting_thenItDoesNotExist() {
        HostModel readBefore = store.model;
        join(store.deleteUniqueRule(4));
        DeleteObjectUniqueService late = new DeleteObjectUniqueService(
                () -> CompletableFuture.completedStage(readBefore), store, Fixtures.authorization());

        assertThat(failureOf(() -> late.deleteUniqueRule(ADMIN, new DeleteObjectUniqueCommand(4))))
                .isEqualTo(new Failure.InvalidValue("id", InvalidReason.DOES_NOT_EXIST, 4L));
    }

    @Test
    void givenRuleCreated_whenAHostIsLaterUpdated_thenItsKeysIncludeTheNewRule() {
        store.with(aHost().withId(10).with("bk_host_name", "web").build());
        join(create.createUniqueRule(ADMIN, CreateObjectUniqueCommand.over(8L)));
        BatchUpdateHostService update = new BatchUpdateHostService(store, store, store, Fixtures.authorization(), () -> NOW,
                writer -> { });

        join(update.batchUpdateHosts(ADMIN, new BatchUpdateHostCommand(
                List.of(new HostPropertiesUpdate(HostId.of(10), Map.of("bk_host_name", "web-2"))))));

        assertThat(store.written.get(0).uniqueKeys()).anySatisfy(key -> assertThat(key.ruleId()).isEqualTo(5L));
    }
}
