package dev.hostclone.application.service;

import static dev.hostclone.domain.testing.HostModels.COSTLY_PATTERN;
import static dev.hostclone.domain.testing.HostModels.COSTLY_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.domain.access.AccessPolicy;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.testing.HostModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddHostsToBusinessIdleServiceTest {

    private static final Actor ALICE = new Actor("app", "alice", "rid");
    private static final BusinessId SHOP = BusinessId.of(2);

    /** The store, whose model is the one the service loads. */
    private final FakeHosts store = new FakeHosts();
    private final AtomicLong lastId = new AtomicLong();
    /** The stale writes the service reported as planned again. */
    private final List<ReportStaleWritePort.Writer> staleWrites = new CopyOnWriteArrayList<>();
    private final AddHostsToBusinessIdleService service = new AddHostsToBusinessIdleService(
            id -> CompletableFuture.completedStage(id.equals(SHOP)
                    ? Optional.of(new Business(id, Map.of("bk_biz_maintainer", "alice"))) : Optional.empty()),
            store,
            ids -> CompletableFuture.completedStage(ids.stream().filter(CloudAreaId.DEFAULT::equals)
                    .map(id -> new CloudArea(id, "Default Area", "", Instant.EPOCH)).toList()),
            count -> CompletableFuture.completedStage(java.util.stream.Stream.generate(() -> HostId.of(lastId.incrementAndGet()))
                    .limit(count).toList()),
            store,
            new Authorization(new BusinessMaintainerAuthorizer(new AccessPolicy(Set.of("admin")),
                    id -> CompletableFuture.completedStage(Optional.of(new Business(id, Map.of("bk_biz_maintainer", "alice")))))),
            () -> Instant.parse("2026-11-28T08:00:00Z"), staleWrites::add);

    @Test
    void givenTwoHosts_whenAdding_thenIdsComeBackInInputOrderWithACreateRecordEach() {
        List<HostId> ids = add(ALICE, host("10.0.0.1"), host("10.0.0.2"));

        assertThat(ids).containsExactly(HostId.of(1), HostId.of(2));
        assertThat(store.created).extracting(creation -> creation.host().document().get("bk_host_innerip"))
                .containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(store.created).allSatisfy(creation -> {
            assertThat(creation.audit().action()).isEqualTo(AuditAction.CREATE);
            assertThat(creation.audit().curData()).isEqualTo(creation.host().document());
            assertThat(creation.host().document()).containsEntry("bk_created_by", "alice").containsEntry("import_from", "3");
        });
    }

    @Test
    void givenTwoHostsSharingAnIp_whenAdding_thenNothingIsStored() {
        assertThat(failureOf(ALICE, host("10.0.0.1"), host("10.0.0.1")))
                .isEqualTo(new Failure.Duplicated(List.of("bk_host_innerip", "bk_cloud_id"), List.of("10.0.0.1", 0L)));
        assertThat(store.created).isEmpty();
    }

    /** Named by its entry, as every refusal of one host is: the caller of a batch of 200 learns which. */
    @Test
    void givenUnknownCloudArea_whenAdding_thenTheEntrysCloudIdIsNamedAndNothingStored() {
        assertThat(failureOf(ALICE, host("10.0.0.1"), Map.of("bk_host_innerip", "10.0.0.2", "bk_cloud_id", 7L)))
                .isEqualTo(new Failure.InvalidValue("bk_host_list[1].bk_cloud_id", InvalidReason.DOES_NOT_EXIST, 7L));
        assertThat(store.created).isEmpty();
    }

    @Test
    void givenAHostWithoutAnInnerIpAfterAGoodOne_whenAdding_thenItsEntryIsNamedAndNothingStored() {
        assertThat(failureOf(ALICE, host("10.0.0.1"), host("10.0.0.2"), Map.of("bk_cloud_id", 0L)))
                .isEqualTo(new Failure.MissingField("bk_host_list[2].bk_host_innerip or bk_host_list[2].bk_host_innerip_v6"));
        assertThat(store.created).isEmpty();
    }

    @Test
    void givenExactly200Hosts_whenAdding_thenAllAreStored() {
        List<Map<String, Object>> hosts = java.util.stream.IntStream.rangeClosed(1, AddHostsCommand.MAX_HOSTS)
                .mapToObj(n -> host("10.0." + n / 256 + "." + n % 256)).toList();

        List<HostId> ids = service.addHostsToBusinessIdle(ALICE, new AddHostsCommand(SHOP, hosts)).toCompletableFuture().join();

        assertThat(ids).hasSize(200);
        assertThat(store.created).hasSize(200);
    }

    /** Each value alone passes its pattern; two of them are past one request's budget, so no host is stored. */
    @Test
    void givenTwoHostsWhosePatternedValuesTogetherExceedOneRequestsBudget_whenAdding_thenTheSecondIsTooCostlyAndNothingIsStored() {
        store.model = store.model.withAttribute(HostModels.patternedField(40, "evil", 2, COSTLY_PATTERN));

        assertThat(failureOf(ALICE, Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "evil", COSTLY_VALUE),
                Map.of("bk_host_innerip", "10.0.0.2", "bk_cloud_id", 0L, "evil", COSTLY_VALUE)))
                .isEqualTo(new Failure.InvalidValue("bk_host_list[1].evil", InvalidReason.PATTERN_TOO_COSTLY, COSTLY_VALUE));
        assertThat(store.writeAttempts).isZero();
        assertThat(store.created).isEmpty();
    }

    @Test
    void givenUnknownBusiness_whenAdding_thenBusinessIsNotFoundAndNothingIsStored() {
        assertThat(failureOf(new AddHostsCommand(BusinessId.of(9), List.of(host("10.0.0.1")))))
                .isEqualTo(new Failure.BusinessNotFound(9));
        assertThat(store.writeAttempts).isZero();
        assertThat(store.created).isEmpty();
    }

    @Test
    void givenUserWhoMaintainsNothing_whenAdding_thenEditPermissionOnTheBusinessIsMissing() {
        assertThat(failureOf(new Actor("app", "mallory", ""), host("10.0.0.1")))
                .isEqualTo(new Failure.PermissionMissing(List.of(Permission.onBusiness(Action.EDIT_BIZ_HOST, SHOP))));
        assertThat(store.created).isEmpty();
    }

    @Test
    void givenUniqueRuleAddedBetweenCheckAndWrite_whenAdding_thenKeysAreComputedAgainUnderTheNewModelWithTheSameIds() {
        store.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.model = fake.model.withUniqueRule(new UniqueRule(9, List.of(8L), false, false, HostModels.EPOCH));
            }
        };

        List<HostId> ids = add(ALICE, host("10.0.0.1", "web-1"), host("10.0.0.2", "web-2"));

        assertThat(ids).containsExactly(HostId.of(1), HostId.of(2));
        assertThat(store.writeAttempts).isEqualTo(2);
        assertThat(store.lockedWrites).isEqualTo(1);
        assertThat(store.created.get(0).uniqueKeys()).extracting(UniqueKey::ruleId).contains(9L);
        assertThat(staleWrites).containsExactly(ReportStaleWritePort.Writer.ADD_HOST_TO_BUSINESS_IDLE);
    }

    @Test
    void givenUniqueRuleAddedThatTheNewHostsViolate_whenAdding_thenTheRetryNamesTheDuplicate() {
        store.beforeEachWrite = fake -> fake.model = fake.model.withUniqueRule(
                new UniqueRule(9, List.of(8L), false, false, HostModels.EPOCH));

        assertThat(failureOf(ALICE, host("10.0.0.1", "web"), host("10.0.0.2", "web")))
                .isEqualTo(new Failure.Duplicated(List.of("bk_host_name"), List.of("web")));
        assertThat(store.created).isEmpty();
    }

    /** Until 2026-12-06 each retry was planned on the model read again before its write, and this add gave up (1199066). */
    @Test
    void givenModelChangingBeforeEveryWrite_whenAdding_thenTheWritePlannedOnTheLockedModelStoresThem() {
        store.beforeEachWrite = FakeHosts::changeModel;

        List<HostId> ids = add(ALICE, host("10.0.0.1"), host("10.0.0.2"));

        assertThat(ids).containsExactly(HostId.of(1), HostId.of(2));
        assertThat(store.writeAttempts).isEqualTo(2);
        assertThat(store.lockedWrites).isEqualTo(1);
        assertThat(store.created).extracting(creation -> creation.host().id()).containsExactly(HostId.of(1), HostId.of(2));
        assertThat(staleWrites).containsExactly(ReportStaleWritePort.Writer.ADD_HOST_TO_BUSINESS_IDLE);
    }

    /**
     * The retry is handed the revision its rolled-back plan checked, held here by a model without
     * {@code bk_host_name}: checked again under the model lock, the add would be refused for that field.
     */
    @Test
    void givenLockedWriteRolledBackForAnothersSake_whenRetriedAtTheSameRevision_thenTheHostsAreNotCheckedAgainUnderTheLock() {
        store.lockedWritesRolledBack = 1;
        store.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                fake.changeModel();
            } else if (fake.writeAttempts == 3) {
                fake.model = new HostModel(fake.model.attributes().stream().filter(attribute -> attribute.id() != 8).toList(),
                        fake.model.uniqueRules(), fake.model.revision());
            }
        };

        List<HostId> ids = add(ALICE, host("10.0.0.1", "web-1"));

        assertThat(ids).containsExactly(HostId.of(1));
        assertThat(store.lockedWrites).isEqualTo(2);
        assertThat(store.created).singleElement()
                .satisfies(creation -> assertThat(creation.host().document()).containsEntry("bk_host_name", "web-1"));
    }

    @Test
    void givenEveryLockedAttemptRolledBack_whenAdding_thenItGivesUpAndNothingIsStored() {
        store.lockedWritesRolledBack = Integer.MAX_VALUE;
        store.beforeEachWrite = FakeHosts::changeModel;

        assertThat(failureOf(ALICE, host("10.0.0.1", "web-1"), host("10.0.0.2", "web-2")))
                .isEqualTo(new Failure.WriteConflict(OptimisticRetry.MAX_ATTEMPTS));
        assertThat(store.created).isEmpty();
        assertThat(store.writeAttempts).isEqualTo(OptimisticRetry.MAX_ATTEMPTS);
        assertThat(staleWrites).hasSize(OptimisticRetry.MAX_ATTEMPTS - 1);
    }

    private static Map<String, Object> host(String ip, String name) {
        return Map.of("bk_host_innerip", ip, "bk_cloud_id", 0L, "bk_host_name", name);
    }

    private static Map<String, Object> host(String ip) {
        return Map.of("bk_host_innerip", ip, "bk_cloud_id", 0L);
    }

    @SafeVarargs
    private List<HostId> add(Actor actor, Map<String, Object>... hosts) {
        return service.addHostsToBusinessIdle(actor, new AddHostsCommand(SHOP, List.of(hosts))).toCompletableFuture().join();
    }

    @SafeVarargs
    private Failure failureOf(Actor actor, Map<String, Object>... hosts) {
        return unwrap(catchThrowable(() -> add(actor, hosts)));
    }

    private Failure failureOf(AddHostsCommand command) {
        return unwrap(catchThrowable(() -> service.addHostsToBusinessIdle(ALICE, command).toCompletableFuture().join()));
    }

    private static Failure unwrap(Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(RejectedException.class);
        return ((RejectedException) cause).failure();
    }
}
