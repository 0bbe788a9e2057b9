package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hostclone.adapter.persistence.HeldPbkdf2;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AppCredentials;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.host.HostId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What an application's callbacks may do with the stages the facade hands out, on both stores: block on another call
 * of the same HostClone, close it. Until 2026-12-06 the stages completed on HostClone's event loop on PostgreSQL, and
 * such a callback held the loop its nested call was to be answered on: neither the answer nor the store timeout ever
 * came, and a later close() waited for good. Each test is bounded far beyond what it takes, so a slow machine never
 * fails it; a hang fails it.
 */
class HostCloneCallbacksTest {

    private static final Actor ADMIN = new Actor("inventory-sync", "admin", "job-42");
    /** Far beyond what any of these takes (well under a second): only a deadlock reaches it. */
    private static final Duration HANG = Duration.ofSeconds(60);
    @Test
    void givenACallbackWaitingForANestedCall_whenOnPostgres_thenBothAreAnswered() {
        try (HostClone hostClone = HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of("admin"))) {
            nestedCallIsAnswered(hostClone);
        }
    }

    @Test
    void givenACallbackWaitingForANestedCall_whenInMemory_thenBothAreAnswered() {
        try (HostClone hostClone = HostClone.inMemory(Set.of("admin"))) {
            nestedCallIsAnswered(hostClone);
        }
    }

    @Test
    void givenACallbackThatClosesTheHostClone_whenOnPostgres_thenCloseReturnsAndLaterCallsAreRefused() {
        closingInACallbackReturns(() -> HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of("admin")));
    }

    /** With a retention, so that there is a Vert.x instance for close() to wait for. */
    @Test
    void givenACallbackThatClosesTheHostClone_whenInMemory_thenCloseReturnsAndLaterCallsAreRefused() {
        closingInACallbackReturns(() -> HostClone.inMemory(Set.of("admin"),
                HostClone.Options.defaults().withAuditRetention(Duration.ofDays(90))));
    }

    /** Until 2026-12-06 the second close() closed the PostgreSQL store again, and threw Netty's rejection. */
    @Test
    void givenAClosedHostCloneOnPostgres_whenClosedAgain_thenNothingIsThrown() {
        HostClone hostClone = HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of("admin"));
        hostClone.close();

        assertThatNoException().isThrownBy(hostClone::close);
    }

    @Test
    void givenAClosedHostCloneInMemory_whenClosedAgain_thenNothingIsThrown() {
        HostClone hostClone = HostClone.inMemory(Set.of("admin"),
                HostClone.Options.defaults().withAuditRetention(Duration.ofDays(90)));
        hostClone.close();

        assertThatNoException().isThrownBy(hostClone::close);
    }

    /**
     * The application's executor completes the stages: here one that holds each completion until the test runs it, so
     * the callback is attached before, and runs on the thread the test runs it on, not on HostClone's.
     */
    @Test
    void givenTheApplicationsExecutor_whenAStageCompletes_thenItsCallbacksRunThere() throws InterruptedException {
        LinkedBlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
        Executor held = completions::add;
        try (HostClone hostClone = HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of("admin"),
                HostClone.Options.defaults().withCompletionExecutor(held))) {
            CompletableFuture<String> callbackThread = hostClone.getHostBaseInfo().getHostBaseInfo(ADMIN, HostId.of(404))
                    .handle((answer, failure) -> Thread.currentThread().getName()).toCompletableFuture();
            Runnable completion = completions.poll(HANG.toSeconds(), TimeUnit.SECONDS);
            assertThat(completion).as("the completion handed to the executor").isNotNull();
            assertThat(callbackThread).isNotDone();

            Thread applications = new Thread(completion, "the-applications-thread");
            applications.start();
            applications.join();

            assertThat(callbackThread.join()).isEqualTo("the-applications-thread");
        }
    }

    /**
     * An executor that refuses with an exception of its own, not {@code RejectedExecutionException}: the stage still
     * completes, on a thread of HostClone's. Until 2026-12-06 it never did, and a join() on it waited for good.
     */
    @Test
    void givenAnExecutorRefusingWithAnyException_whenAStageCompletes_thenItCompletesOnAThreadOfItsOwn() {
        Executor stopped = task -> {
            throw new IllegalStateException("the application's executor is stopped");
        };
        try (HostClone hostClone = HostClone.onPostgres(TestPostgres.databaseUrl(), Set.of("admin"),
                HostClone.Options.defaults().withCompletionExecutor(stopped))) {
            String answeredOn = bounded(() -> hostClone.getHostBaseInfo().getHostBaseInfo(ADMIN, HostId.of(404))
                    .handle((answer, failure) -> Thread.currentThread().getName()));

            assertThat(answeredOn).isEqualTo("hostclone-completion-refused");
        }
    }

    /**
     * Calls under way as close() runs: secrets being checked, each check's answer handed back to an event loop of
     * the HostClone's Vert.x instance, which close() shuts. Every stage completes, as closed while under way. Until
     * 2026-12-06 a check that outlasted the event loop never came back, and its stage never completed.
     *
     * <p>Each check is held inside its slow hash, one on each thread of the secret checks, until close() has returned
     * and the stages have completed; then let through. Until 2026-12-07 eight ordinary checks were sent and close()
     * run at once: on a fast machine all were answered first, on a slow one none had begun, and any outcome passed.
     * Then, for some hours of that day, a hash of ten million iterations (seconds of a core) stood for the hold,
     * which a machine whose close() outlasted the hash would have failed.
     */
    @Test
    void givenSecretChecksUnderWay_whenClosed_thenEveryStageCompletesAsClosedWhileUnderWay() throws Exception {
        PgSettings database = TestPostgres.database();
        // SecretChecks' threads: half the cores
        int hashThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        try (HeldPbkdf2 held = HeldPbkdf2.install()) {
            try (Connection owner = TestPostgres.jdbc(database);
                 PreparedStatement insert = owner.prepareStatement("INSERT INTO app (app_code, secret_hash) VALUES (?, ?)")) {
                for (int app = 0; app < hashThreads; app++) {
                    insert.setString(1, "app-" + app);
                    insert.setString(2, held.hash("secret-" + app));
                    insert.executeUpdate();
                }
            }
            HostClone hostClone = HostClone.onPostgres(database.url(), Set.of("admin"));
            List<CompletableFuture<?>> checks = new ArrayList<>();
            try {
                for (int app = 0; app < hashThreads; app++) {
                    checks.add(hostClone.authenticateApp().authenticate(new AppCredentials("app-" + app, "secret-" + app))
                            .toCompletableFuture());
                }
                held.awaitHeld(hashThreads, HANG);

                assertTimeoutPreemptively(HANG, hostClone::close);
            } finally {
                hostClone.close(); // a second close does nothing; this one closes it if the test failed first
            }

            assertTimeoutPreemptively(HANG, () -> CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                    .handle((done, failed) -> done).join());
            assertThat(held.heldNow()).as("every check still inside its hash").isEqualTo(hashThreads);
            assertThat(checks).allSatisfy(check -> assertThat(catchThrowable(check::join))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("the HostClone was closed while the call was under way")
                    .satisfies(closed -> assertThat(((StoreUnavailableException) closed).outcomeUnknown()).isTrue()));
        }
    }

    /** A callback that joins a second call of the same HostClone: both answered, the nested one with the host. */
    private static void nestedCallIsAnswered(HostClone hostClone) {
        List<HostId> hosts = hostsOfAShop(hostClone);
        GetHostBaseInfoUseCase get = hostClone.getHostBaseInfo();

        String answered = bounded(() -> get.getHostBaseInfo(ADMIN, hosts.get(0))
                .thenApply(first -> get.getHostBaseInfo(ADMIN, hosts.get(1)).toCompletableFuture().join())
                .thenApply(second -> innerIp(second)));

        assertThat(answered).isEqualTo("10.0.0.2");
    }

    /**
     * close() in a callback run on a thread of HostClone's returns; the stage completes; a call made afterwards is
     * refused as closed. Whether the callback runs there, or on this thread when the answer came before the callback
     * was attached, is a race: an attempt whose callback ran here proves nothing, and another HostClone is opened for
     * the next (until 2026-12-07 such a run passed unnoticed).
     */
    private static void closingInACallbackReturns(Supplier<HostClone> opened) {
        for (int attempt = 1; !closeInACallbackOfItsOwn(opened.get()); attempt++) {
            assertThat(attempt).as("attempts whose callback ran on the test's thread").isLessThan(20);
        }
    }

    /** Whether the callback that closed {@code hostClone} ran on a thread of its own. */
    private static boolean closeInACallbackOfItsOwn(HostClone hostClone) {
        try {
            List<HostId> hosts = hostsOfAShop(hostClone);
            GetHostBaseInfoUseCase get = hostClone.getHostBaseInfo();
            AtomicReference<String> ranOn = new AtomicReference<>();

            String answered = bounded(() -> get.getHostBaseInfo(ADMIN, hosts.get(0)).thenApply(first -> {
                ranOn.set(Thread.currentThread().getName());
                hostClone.close();
                return innerIp(first);
            }));

            assertThat(answered).isEqualTo("10.0.0.1");
            assertThat(catchThrowable(() -> get.getHostBaseInfo(ADMIN, hosts.get(1)).toCompletableFuture().join()))
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("the HostClone is closed");
            return ranOn.get().startsWith("hostclone-completion-");
        } finally {
            hostClone.close();
        }
    }

    private static <T> T bounded(Supplier<CompletionStage<T>> call) {
        return assertTimeoutPreemptively(HANG, () -> call.get().toCompletableFuture().join());
    }

    private static List<HostId> hostsOfAShop(HostClone hostClone) {
        Business shop = hostClone.createBusiness()
                .createBusiness(ADMIN,
                        new CreateBusinessCommand(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice")))
                .toCompletableFuture().join();
        return hostClone.addHostsToBusinessIdle().addHostsToBusinessIdle(ADMIN, new AddHostsCommand(shop.id(), List.of(
                        Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L),
                        Map.of("bk_host_innerip", "10.0.0.2", "bk_cloud_id", 0L))))
                .toCompletableFuture().join();
    }

    private static String innerIp(List<HostProperty> host) {
        return host.stream().filter(property -> property.propertyId().equals("bk_host_innerip"))
                .map(property -> String.valueOf(property.value())).findFirst().orElseThrow();
    }
}
