package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.CheckReadinessUseCase;
import dev.hostclone.application.port.in.Readiness;
import dev.hostclone.application.port.in.Readiness.Check;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Fake of {@link CheckReadinessUseCase}: ready by default, or whatever it is told to answer. */
public final class FakeCheckReadiness implements CheckReadinessUseCase {

    public static final Readiness READY = new Readiness(List.of(new Check(Readiness.STORE, true, "answered"),
            new Check(Readiness.MIGRATIONS, true, "schema at version 3")));

    private volatile Readiness answer = READY;

    public void answer(Readiness readiness) {
        answer = readiness;
    }

    @Override
    public CompletionStage<Readiness> checkReadiness() {
        return CompletableFuture.completedStage(answer);
    }

    public void reset() {
        answer = READY;
    }
}
