package dev.hostclone.application.port.out;

import java.util.concurrent.CompletionStage;

/** Asks the store one cheap question: completes with its schema's status when it answers, fails when it cannot. */
public interface StoreReadinessPort {

    CompletionStage<SchemaStatus> checkStoreReadiness();
}
