package dev.hostclone.application.service;

import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** One entry per attribute the host's business sees, in model order, then the host id. */
public final class GetHostBaseInfoService implements GetHostBaseInfoUseCase {

    private final LoadHostsPort hosts;
    private final LoadHostModelPort model;
    private final Authorization authorization;

    public GetHostBaseInfoService(LoadHostsPort hosts, LoadHostModelPort model, Authorization authorization) {
        this.hosts = hosts;
        this.model = model;
        this.authorization = authorization;
    }

    @Override
    public CompletionStage<List<HostProperty>> getHostBaseInfo(Actor actor, HostId id) {
        return hosts.loadHosts(List.of(id)).thenCompose(found -> {
            Host host = found.stream().findFirst()
                    .orElseThrow(() -> RejectedException.because(new Failure.HostNotFound(id.value())));
            return authorization.require(actor, List.of(
                            Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, host.business())))
                    .thenCompose(authorized -> model.loadHostModel())
                    .thenApply(hostModel -> {
                        List<HostProperty> properties = new ArrayList<>();
                        for (Attribute attribute : hostModel.visibleIn(host.business())) {
                            properties.add(new HostProperty(attribute.propertyId(), attribute.name(),
                                    attribute.nameEn(), host.value(attribute.propertyId())));
                        }
                        properties.add(new HostProperty(HostFields.HOST_ID, "主机ID", "Host ID", id.value()));
                        return properties;
                    });
        });
    }
}
