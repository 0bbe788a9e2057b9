package dev.hostclone.application.port.out;

import dev.hostclone.domain.model.HostModel;
import java.util.concurrent.CompletionStage;

/** Reads the current host model: attributes and unique rules. */
public interface LoadHostModelPort {

    CompletionStage<HostModel> loadHostModel();
}
