package dev.hostclone.application.port.in;

import java.util.concurrent.CompletionStage;

/** Tells whether the store answers and its migrations are applied; always completes, within a bounded time. */
public interface CheckReadinessUseCase {

    CompletionStage<Readiness> checkReadiness();
}
