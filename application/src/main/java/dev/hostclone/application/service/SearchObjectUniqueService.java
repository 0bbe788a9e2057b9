package dev.hostclone.application.service;

import dev.hostclone.application.port.in.SearchObjectUniqueUseCase;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Lists the host unique rules, in model order, for any authenticated user. */
public final class SearchObjectUniqueService implements SearchObjectUniqueUseCase {

    private final LoadCurrentHostModelPort model;

    public SearchObjectUniqueService(LoadCurrentHostModelPort model) {
        this.model = model;
    }

    @Override
    public CompletionStage<List<UniqueRule>> searchUniqueRules(Actor actor) {
        return model.loadCurrentHostModel().thenApply(HostModel::uniqueRules);
    }
}
