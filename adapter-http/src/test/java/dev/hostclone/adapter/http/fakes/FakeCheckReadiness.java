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
    private volatile RuntimeException thrown;

    public void answer(Readiness readiness) {
        answer = readiness;
    }

    /** Throws {@code fault} rather than answer, as a use case with a bug in it would. */
    public void throwOnCheck(RuntimeException fault) {
        thrown = fault;
    }

    @Override
    public CompletionStage<Readiness> checkReadiness() {
        RuntimeException fault = thrown;
        if (fault != null) {
            throw fault;
        }
        return CompletableFuture.completedStage(answer);
    }

    public void reset() {
        answer = READY;
        thrown = null;
    }
}
