package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.AppAuthentication;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fake of {@link AuthenticateAppUseCase} over a map of app codes to secrets; records the codes it was asked about. */
public final class FakeAuthenticateApp implements AuthenticateAppUseCase {

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public FakeAuthenticateApp withApp(String appCode, String appSecret) {
        secrets.put(appCode, appSecret);
        return this;
    }

    @Override
    public CompletionStage<AppAuthentication> authenticate(String appCode, String appSecret) {
        asked.add(appCode);
        String known = secrets.get(appCode);
        if (known == null) {
            return CompletableFuture.completedFuture(AppAuthentication.UNKNOWN_APP);
        }
        return CompletableFuture.completedFuture(
                known.equals(appSecret) ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET);
    }

    public List<String> askedAbout() {
        return List.copyOf(asked);
    }

    public void reset() {
        asked.clear();
    }
}
