package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link GetHostBaseInfoUseCase}; by default answers a host name and the host id. */
public final class FakeGetHostBaseInfo extends FakeUseCase<HostId, List<HostProperty>> implements GetHostBaseInfoUseCase {

    public FakeGetHostBaseInfo() {
        super(List.of(
                new HostProperty("bk_host_name", "主机名称", "Host Name", "web-1"),
                new HostProperty("bk_host_id", "主机ID", "Host ID", 11L)));
    }

    @Override
    public CompletionStage<List<HostProperty>> getHostBaseInfo(Actor actor, HostId host) {
        return record(actor, host);
    }
}
