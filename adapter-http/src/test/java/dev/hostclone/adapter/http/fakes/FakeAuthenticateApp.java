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
    private final List<CompletableFuture<AppAuthentication>> slowAnswers = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean busy;

    public FakeAuthenticateApp withApp(String appCode, String appSecret) {
        secrets.put(appCode, appSecret);
        return this;
    }

    /** Answers {@code delay} after each call, on a thread that is not the event loop, as a slow store would. */
    public void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /** Answers BUSY to every app, as a store does whose slow checks of secrets are all taken. */
    public void answerBusy() {
        this.busy = true;
    }

    @Override
    public CompletionStage<AppAuthentication> authenticate(AppCredentials credentials) {
        asked.add(credentials.appCode());
        AppAuthentication answer = answerFor(credentials.appCode(), credentials.appSecret());
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<AppAuthentication> slow = CompletableFuture.supplyAsync(() -> answer,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
        slowAnswers.add(slow);
        return slow;
    }

    /** Waits, at most {@code bound}, until every slow answer given so far has been handed to its caller. */
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
        busy = false;
    }
}
