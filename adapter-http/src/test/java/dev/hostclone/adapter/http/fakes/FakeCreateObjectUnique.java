package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.CreateObjectUniqueCommand;
import dev.hostclone.application.port.in.CreateObjectUniqueUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.UniqueRule;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link CreateObjectUniqueUseCase}; by default answers rule 5 over attribute 2. */
public final class FakeCreateObjectUnique extends FakeUseCase<CreateObjectUniqueCommand, UniqueRule> implements CreateObjectUniqueUseCase {

    public FakeCreateObjectUnique() {
        super(new UniqueRule(5, List.of(2L), false, false, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Override
    public CompletionStage<UniqueRule> createUniqueRule(Actor actor, CreateObjectUniqueCommand command) {
        return record(actor, command);
    }
}
