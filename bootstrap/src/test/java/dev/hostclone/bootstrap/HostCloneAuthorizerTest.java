package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.HostId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What an application's own {@code AuthorizePort} may do, on both stores: block its thread on another call of the same
 * HostClone, close it, or never answer. Until 2026-12-06 it was asked on HostClone's event loop on PostgreSQL (as soon
 * as the use case had read something), where a port that waited for a nested call held the loop that was to answer
 * it, and one that closed the HostClone held the loop the closing waited for; in memory it was asked on the caller's
 * thread, which a port that blocked held inside the call; and a port that never answered left the use case waiting
 * for good. Each test is bounded far beyond what it takes, so a slow machine never fails it; a hang fails it.
 */
class HostCloneAuthorizerTest {

    private static final Actor ALICE = new Actor("inventory-sync", "alice", "job-42");
    /** Far beyond what any of these takes (well under a second): only a deadlock reaches it. */
    private static final Duration HANG = Duration.ofSeconds(60);
    /** The bound the tests of an authorizer that never answers give it. */
    private static final Duration SHORT_BOUND = Duration.ofSeconds(2);

    @Test
    void givenAnAuthorizerWaitingForANestedCall_whenCloningOnPostgres_thenBothAreAnswered() {
        Iam iam = new Iam();
        try (HostClone hostClone = HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of(), with(iam))) {
            nestedCallIsAnswered(hostClone, iam);
        }
    }

    @Test
    void givenAnAuthorizerWaitingForANestedCall_whenCloningInMemory_thenBothAreAnswered() {
        Iam iam = new Iam();
        try (HostClone hostClone = HostClone.inMemory(Set.of(), with(iam))) {
            nestedCallIsAnswered(hostClone, iam);
        }
    }

    @Test
    void givenAnAuthorizerThatClosesTheHostClone_whenCloningOnPostgres_thenCloseReturnsAndTheCloneFailsAsClosed() {
        Iam iam = new Iam();
        closingInTheAuthorizerReturns(HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of(), with(iam)), iam);
    }

    /** With a retention, so that there is a Vert.x instance for close() to wait for. */
    @Test
    void givenAnAuthorizerThatClosesTheHostClone_whenCloningInMemory_thenCloseReturnsAndTheCloneFailsAsClosed() {
        Iam iam = new Iam();
        closingInTheAuthorizerReturns(HostClone.inMemory(Set.of(), with(iam).withAuditRetention(Duration.ofDays(90))),
                iam);
    }

    @Test
    void givenAnAuthorizerWhoseStageNeverCompletes_whenCloningOnPostgres_thenUndecidedByItsBound() {
        Iam iam = new Iam();
        try (HostClone hostClone = HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of(),
                with(iam).withAuthorizerTimeout(SHORT_BOUND))) {
            Shop shop = Shop.open(hostClone);
            iam.onEdit(required -> new CompletableFuture<>());

            Throwable failure = failureOf(() -> shop.cloneFirstOntoSecond(hostClone));

            assertThat(failure).isExactlyInstanceOf(AuthorizationUndecidedException.class)
                    .hasMessage("the authorizer (AuthorizePort) did not answer within 2000 ms for find_business_resource,"
                            + " edit_biz_host");
            assertThat(shop.destinationOsName(hostClone)).isEmpty();
        }
    }

    /**
     * A port that holds its thread and never returns: the call still returns its stage, and the stage fails at the
     * bound. Until 2026-12-06, in memory, the call itself did not return until the port did.
     */
    @Test
    void givenAnAuthorizerThatNeverReturns_whenCloningInMemory_thenUndecidedByItsBound() {
        Iam iam = new Iam();
        CountDownLatch released = new CountDownLatch(1);
        try (HostClone hostClone = HostClone.inMemory(Set.of(), with(iam).withAuthorizerTimeout(SHORT_BOUND))) {
            Shop shop = Shop.open(hostClone);
            iam.onEdit(required -> {
                awaitBounded(released);
                return CompletableFuture.completedStage(List.of());
            });

            Throwable failure = failureOf(() -> shop.cloneFirstOntoSecond(hostClone));

            assertThat(failure).isExactlyInstanceOf(AuthorizationUndecidedException.class)
                    .hasMessage("the authorizer (AuthorizePort) did not answer within 2000 ms for find_business_resource,"
                            + " edit_biz_host");
            assertThat(shop.destinationOsName(hostClone)).isEmpty();
        } finally {
            released.countDown();
        }
    }

    @Test
    void givenAnApplicationsAuthorizer_whenCloningOnPostgres_thenItIsAskedOnACompletionThread() {
        Iam iam = new Iam();
        AtomicReference<String> askedOn = new AtomicReference<>();
        try (HostClone hostClone = HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of(), with(iam))) {
            Shop shop = Shop.open(hostClone);
            iam.onEdit(required -> {
                askedOn.set(Thread.currentThread().getName());
                return CompletableFuture.completedStage(List.of());
            });

            CloneOutcome outcome = bounded(() -> shop.cloneFirstOntoSecond(hostClone));

            assertThat(outcome).isInstanceOf(CloneOutcome.Cloned.class);
            assertThat(askedOn.get()).startsWith("hostclone-completion-");
        }
    }

    @Test
    void givenABoundBelowAMillisecond_whenSettingIt_thenRefusedNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HostClone.Options.defaults().withAuthorizerTimeout(Duration.ZERO))
                .withMessage("authorizerTimeout must be within 1 ms..1 day, not PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HostClone.Options.defaults().withAuthorizerTimeout(Duration.ofNanos(999_999)))
                .withMessageStartingWith("authorizerTimeout must be within 1 ms..1 day");
        assertThatNullPointerException().isThrownBy(() -> HostClone.Options.defaults().withAuthorizerTimeout(null))
                .withMessage("authorizerTimeout");
    }

    /** A port that joins a second call of the same HostClone before it answers: both answered, the clone written. */
    private static void nestedCallIsAnswered(HostClone hostClone, Iam iam) {
        Shop shop = Shop.open(hostClone);
        AtomicReference<String> nested = new AtomicReference<>();
        iam.onEdit(required -> {
            nested.set(innerIp(waitBounded(hostClone.getHostBaseInfo().getHostBaseInfo(ALICE, shop.hosts().get(0)))));
            return CompletableFuture.completedStage(List.of());
        });

        CloneOutcome outcome = bounded(() -> shop.cloneFirstOntoSecond(hostClone));

        assertThat(nested.get()).isEqualTo("10.0.0.1");
        assertThat(outcome).isInstanceOf(CloneOutcome.Cloned.class);
        assertThat(shop.destinationOsName(hostClone)).containsExactly("Debian");
    }

    /**
     * close() in the port returns; the clone, granted, then finds the store closed, as any call under way that asks the
     * store again does.
     */
    private static void closingInTheAuthorizerReturns(HostClone hostClone, Iam iam) {
        try {
            Shop shop = Shop.open(hostClone);
            AtomicReference<Throwable> closeFailed = new AtomicReference<>();
            iam.onEdit(required -> {
                try {
                    hostClone.close();
                } catch (RuntimeException failed) {
                    closeFailed.set(failed);
                }
                return CompletableFuture.completedStage(List.of());
            });

            Throwable failure = failureOf(() -> shop.cloneFirstOntoSecond(hostClone));

            assertThat(closeFailed.get()).isNull();
            assertThat(failure).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("closed");
        } finally {
            hostClone.close();
        }
    }

    private static HostClone.Options with(Iam iam) {
        return HostClone.Options.defaults().withAuthorizer(iam);
    }

    private static <T> T bounded(Supplier<CompletionStage<T>> call) {
        return assertTimeoutPreemptively(HANG, () -> call.get().toCompletableFuture().join());
    }

    /** What the bounded call failed with, its stage's wrapper taken off. */
    private static Throwable failureOf(Supplier<CompletionStage<CloneOutcome>> call) {
        Throwable thrown = catchThrowable(() -> bounded(call));
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    /** The port's own wait, bounded too, so that a deadlock before the fix frees its thread in the end. */
    private static <T> T waitBounded(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new IllegalStateException("the nested call was not answered", failed);
        }
    }

    private static void awaitBounded(CountDownLatch released) {
        try {
            released.await(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String innerIp(List<HostProperty> host) {
        return host.stream().filter(property -> property.propertyId().equals("bk_host_innerip"))
                .map(property -> String.valueOf(property.value())).findFirst().orElseThrow();
    }

    /** A business with two hosts, the first with an OS name the second lacks. */
    private record Shop(BusinessId id, List<HostId> hosts) {

        static Shop open(HostClone hostClone) {
            Business shop = hostClone.createBusiness()
                    .createBusiness(ALICE,
                            new CreateBusinessCommand(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice")))
                    .toCompletableFuture().join();
            List<HostId> hosts = hostClone.addHostsToBusinessIdle().addHostsToBusinessIdle(ALICE,
                            new AddHostsCommand(shop.id(), List.of(
                                    Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "bk_os_name", "Debian"),
                                    Map.of("bk_host_innerip", "10.0.0.2", "bk_cloud_id", 0L))))
                    .toCompletableFuture().join();
            return new Shop(shop.id(), hosts);
        }

        CompletionStage<CloneOutcome> cloneFirstOntoSecond(HostClone hostClone) {
            return hostClone.cloneHostProperty().cloneHostProperty(ALICE,
                    CloneHostPropertyCommand.byHostId(id, CloudAreaId.DEFAULT, hosts.get(0), hosts.get(1)));
        }

        /** The destination's OS name as the store holds it: none, or the one cloned. */
        List<Object> destinationOsName(HostClone hostClone) {
            return hostClone.getHostBaseInfo().getHostBaseInfo(ALICE, hosts.get(1)).toCompletableFuture().join().stream()
                    .filter(property -> property.propertyId().equals("bk_os_name") && property.value() != null
                            && !"".equals(property.value()))
                    .map(HostProperty::value)
                    .toList();
        }
    }

    /**
     * An application's IAM that grants everything, and answers a clone's permissions (the only ask naming
     * {@code edit_biz_host} here) as the test says.
     */
    private static final class Iam implements AuthorizePort {

        private volatile Function<List<Permission>, CompletionStage<List<Permission>>> onEdit =
                required -> CompletableFuture.completedStage(List.of());

        void onEdit(Function<List<Permission>, CompletionStage<List<Permission>>> answer) {
            this.onEdit = answer;
        }

        @Override
        public CompletionStage<List<Permission>> missingPermissions(Actor actor, List<Permission> required) {
            if (required.stream().anyMatch(permission -> permission.action() == Action.EDIT_BIZ_HOST)) {
                return onEdit.apply(required);
            }
            return CompletableFuture.completedStage(List.of());
        }
    }
}
