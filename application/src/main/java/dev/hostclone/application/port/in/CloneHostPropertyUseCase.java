package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import java.util.concurrent.CompletionStage;

/** Copies the cloneable properties of one host onto another of the same business (API.md §4). */
public interface CloneHostPropertyUseCase {

    /** Completes with what happened, or exceptionally with a {@code RejectedException} naming why not. */
    CompletionStage<CloneOutcome> cloneHostProperty(Actor actor, CloneHostPropertyCommand command);
}
