package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.CreateObjectAttributeUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Fake of {@link CreateObjectAttributeUseCase}; by default answers a global singlechar attribute {@code rack} with id 100. */
public final class FakeCreateObjectAttribute extends FakeUseCase<CreateObjectAttributeCommand, Attribute>
        implements CreateObjectAttributeUseCase {

    public FakeCreateObjectAttribute() {
        super(new Attribute(100, "rack", "机架", "Rack", "default", AttributeType.SINGLECHAR, null, true, false,
                false, false, false, null, "", "", "admin", Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Override
    public CompletionStage<Attribute> createAttribute(Actor actor, CreateObjectAttributeCommand command) {
        return record(actor, command);
    }
}
