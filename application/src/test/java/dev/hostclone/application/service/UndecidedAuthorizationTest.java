package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.SHOP;
import static dev.hostclone.application.service.Fixtures.join;
import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.in.BatchUpdateHostCommand;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.in.CreateCloudAreaCommand;
import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.CreateObjectUniqueCommand;
import dev.hostclone.application.port.in.DeleteObjectUniqueCommand;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.domain.access.AccessPolicy;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An authorization that cannot decide (its IAM unreachable) ends every writing use case with its own
 * {@link AuthorizationUndecidedException}, unwrapped into nothing else, before anything is written.
 */
class UndecidedAuthorizationTest {

    private final AuthorizationUndecidedException undecided = new AuthorizationUndecidedException(
            "IAM at iam.example:443 unreachable", new ConnectException("Connection refused"));
    private final IamDown iam = new IamDown();
    private final Authorization authorization = new Authorization(iam);
    private final FakeHosts store = new FakeHosts().with(
            aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(2).with("operator", "alice").build(),
            aHost().withId(11).withInnerIp("10.0.0.2").inBusiness(2).with("operator", "bob").build());
    private final HostModel modelBefore = store.model;
    private final List<Object> written = new ArrayList<>();

    @Test
    void givenIamDown_whenCloning_thenUndecidedAndNothingWritten() {
        CloneHostPropertyService clone = new CloneHostPropertyService(store, store, store, authorization, () -> NOW,
                writer -> { });

        assertThat(failureOf(() -> clone.cloneHostProperty(ALICE, CloneHostPropertyCommand.byHostId(SHOP,
                CloudAreaId.DEFAULT, HostId.of(10), HostId.of(11))))).isSameAs(undecided);
        assertThat(store.writeAttempts).isZero();
        assertThat(store.modelLoads).as("asked before the model is read").isZero();
    }

    @Test
    void givenIamDown_whenUpdatingHosts_thenUndecidedAndNothingWritten() {
        BatchUpdateHostService update = new BatchUpdateHostService(store, store, store, authorization, () -> NOW,
                writer -> { });

        assertThat(failureOf(() -> update.batchUpdateHosts(ALICE, oneUpdate()))).isSameAs(undecided);
        assertThat(store.writeAttempts).isZero();
    }

    @Test
    void givenIamFailingOnTheRetry_whenUpdatingHosts_thenTheRetryEndsUndecidedAndNothingWritten() {
        BatchUpdateHostService update = new BatchUpdateHostService(store, store, store, authorization, () -> NOW,
                writer -> { });
        iam.decideFirst = 1;
        // the first attempt, authorized, finds its host moved to another business and is read, authorized and planned again
        store.beforeEachWrite = fake -> {
            if (fake.writeAttempts == 1) {
                Host moved = fake.hosts.get(HostId.of(11));
                fake.hosts.put(moved.id(), new Host(moved.id(), BusinessId.of(3), moved.version() + 1, moved.document()));
            }
        };

        assertThat(failureOf(() -> update.batchUpdateHosts(ALICE, oneUpdate()))).isSameAs(undecided);
        assertThat(iam.asked).isEqualTo(2);
        assertThat(store.writeAttempts).isEqualTo(1);
        assertThat(store.written).isEmpty();
    }

    @Test
    void givenIamDown_whenAddingHosts_thenUndecidedAndNoIdAllocatedNorHostCreated() {
        AddHostsToBusinessIdleService add = new AddHostsToBusinessIdleService(
                id -> CompletableFuture.completedStage(java.util.Optional.of(new Business(id, Map.of()))),
                store, ids -> CompletableFuture.completedStage(List.of()),
                count -> {
                    written.add("allocated " + count);
                    return CompletableFuture.completedStage(List.of());
                },
                store,
                authorization, () -> NOW, writer -> { });

        assertThat(failureOf(() -> add.addHostsToBusinessIdle(ALICE, new AddHostsCommand(SHOP,
                List.of(Map.of("bk_host_innerip", "10.0.0.9", "bk_cloud_id", 0L)))))).isSameAs(undecided);
        assertThat(written).isEmpty();
        assertThat(store.writeAttempts).isZero();
    }

    @Test
    void givenIamDown_whenCreatingABusiness_thenUndecidedAndNoneCreated() {
        CreateBusinessService create = new CreateBusinessService(properties -> {
            written.add(properties);
            return CompletableFuture.failedStage(new AssertionError("created"));
        }, authorization, () -> NOW);

        assertThat(failureOf(() -> create.createBusiness(ADMIN,
                new CreateBusinessCommand(Map.of("bk_biz_name", "shop-2", "bk_biz_maintainer", "alice")))))
                .isSameAs(undecided);
        assertThat(written).isEmpty();
    }

    @Test
    void givenIamDown_whenCreatingACloudArea_thenUndecidedAndNoneCreated() {
        CreateCloudAreaService create = new CreateCloudAreaService(area -> {
            written.add(area);
            return CompletableFuture.failedStage(new AssertionError("created"));
        }, authorization, () -> NOW);

        assertThat(failureOf(() -> create.createCloudArea(ADMIN,
                new CreateCloudAreaCommand(Map.of("bk_cloud_name", "edge")))))
                .isSameAs(undecided);
        assertThat(written).isEmpty();
    }

    @Test
    void givenIamDown_whenChangingTheModel_thenEachChangeIsUndecidedAndTheModelUnchanged() {
        CreateObjectAttributeService attributes = new CreateObjectAttributeService(Fixtures.businesses(), store,
                authorization, () -> NOW);
        CreateObjectUniqueService createRule = new CreateObjectUniqueService(store, store, authorization, () -> NOW);
        DeleteObjectUniqueService deleteRule = new DeleteObjectUniqueService(store, store, authorization);
        Map<String, Object> rack = Map.of("bk_obj_id", "host", "bk_property_id", "rack", "bk_property_name", "Rack",
                "bk_property_type", "singlechar");

        assertThat(failureOf(() -> attributes.createAttribute(ADMIN, CreateObjectAttributeCommand.global(rack))))
                .isSameAs(undecided);
        assertThat(failureOf(() -> attributes.createAttribute(ALICE, new CreateObjectAttributeCommand(SHOP, rack))))
                .isSameAs(undecided);
        assertThat(failureOf(() -> createRule.createUniqueRule(ADMIN, CreateObjectUniqueCommand.over(8L))))
                .isSameAs(undecided);
        assertThat(failureOf(() -> deleteRule.deleteUniqueRule(ADMIN, new DeleteObjectUniqueCommand(4))))
                .isSameAs(undecided);
        assertThat(store.model).isSameAs(modelBefore);
        assertThat(store.keysByRule).isEmpty();
    }

    private static BatchUpdateHostCommand oneUpdate() {
        return new BatchUpdateHostCommand(List.of(new HostPropertiesUpdate(HostId.of(11), Map.of("operator", "alice"))));
    }

    /** What the call ended with, as a caller of the use case sees it once its stage's wrapper is taken off. */
    private static Throwable failureOf(Supplier<? extends CompletionStage<?>> call) {
        Throwable thrown = catchThrowable(() -> join(call.get()));
        return thrown instanceof CompletionException ? thrown.getCause() : thrown;
    }

    /** Decides as the built-in authorization for its first {@link #decideFirst} questions, then cannot. */
    private final class IamDown implements AuthorizePort {

        private final AuthorizePort builtIn = new BusinessMaintainerAuthorizer(new AccessPolicy(Set.of("admin")),
                Fixtures.businesses());
        int decideFirst;
        int asked;

        @Override
        public CompletionStage<List<Permission>> missingPermissions(Actor actor, List<Permission> required) {
            asked++;
            return asked <= decideFirst ? builtIn.missingPermissions(actor, required)
                    : CompletableFuture.failedStage(undecided);
        }
    }
}
