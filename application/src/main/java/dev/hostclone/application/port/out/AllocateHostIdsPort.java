package dev.hostclone.application.port.out;

import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Hands out new, never reused host ids. */
public interface AllocateHostIdsPort {

    CompletionStage<List<HostId>> allocateHostIds(int count);
}
