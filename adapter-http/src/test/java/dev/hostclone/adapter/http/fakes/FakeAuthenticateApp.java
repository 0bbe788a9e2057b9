package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.AppCredentials;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.domain.access.AppAuthentication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Fake of {@link AuthenticateAppUseCase} over a map of app codes to secrets; records the codes it was asked about,
 * and answers at once unless told to answer slowly.
 */
public final class FakeAuthenticateApp implements AuthenticateAppUseCase {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    /** For each slow answer, when the caller has been handed it: its answer given, and what it chained on run. */
    private final List<CompletableFuture<Void>> slowAnswers = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    /** While not null, every answer waits for it. */
    private volatile CompletableFuture<Void> hold;
    private volatile boolean busy;

    public FakeAuthenticateApp withApp(String appCode, String appSecret) {
        secrets.put(appCode, appSecret);
        return this;
    }

    /** Answers {@code delay} after each call, on a thread that is not the event loop, as a slow store would. */
    public void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /**
     * Holds every answer from now on until {@link #releaseAnswers}, which hands them over on a thread that is not the
     * event loop, as a slow store would: a test does what it must while a caller is being proven, then lets it be.
     */
    public void holdAnswers() {
        this.hold = new CompletableFuture<>();
    }

    public void releaseAnswers() {
        CompletableFuture<Void> held = hold;
        hold = null;
        held.complete(null);
    }

    /** Answers BUSY to every app, as a store does whose slow checks of secrets are all taken. */
    public void answerBusy() {
        this.busy = true;
    }

    @Override
    public CompletionStage<AppAuthentication> authenticate(AppCredentials credentials) {
        asked.add(credentials.appCode());
        AppAuthentication answer = answerFor(credentials.appCode(), credentials.appSecret());
        CompletableFuture<Void> held = hold;
        if (delay.isZero() && held == null) {
            return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<AppAuthentication> slow = new CompletableFuture<>();
        CompletableFuture<Void> handedOver = new CompletableFuture<>();
        Runnable handOver = () -> {
            // complete() returns once what the caller chained on has run: the server's hand-over to its event loop
            slow.complete(answer);
            handedOver.complete(null);
        };
        if (held != null) {
            held.thenRunAsync(handOver);
        } else {
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(handOver);
        }
        slowAnswers.add(handedOver);
        return slow;
    }

    /**
     * Waits, at most {@code bound}, until every slow answer given so far has been handed to its caller, what it chained
     * on run (the server's turn with it is then queued on its event loop; until 2026-12-07 this could return first).
     */
    public void awaitSlowAnswers(Duration bound) throws Exception {
        CompletableFuture.allOf(slowAnswers.toArray(CompletableFuture[]::new)).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    private AppAuthentication answerFor(String appCode, String appSecret) {
        if (busy) {
            return AppAuthentication.BUSY;
        }
        String known = secrets.get(appCode);
        if (known == null) {
            return AppAuthentication.UNKNOWN_APP;
        }
        return known.equals(appSecret) ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET;
    }

    public List<String> askedAbout() {
        return List.copyOf(asked);
    }

    public void reset() {
        asked.clear();
        slowAnswers.clear();
        delay = Duration.ZERO;
        hold = null;
        busy = false;
    }
}
