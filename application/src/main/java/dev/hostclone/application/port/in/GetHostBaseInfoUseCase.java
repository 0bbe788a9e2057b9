package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads one host's properties, one entry per attribute of its model (API.md §5, get_host_base_info). */
public interface GetHostBaseInfoUseCase {

    CompletionStage<List<HostProperty>> getHostBaseInfo(Actor actor, HostId host);
}
