package dev.hostclone.adapter.http.api;

import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import java.util.List;

/** The APIs HostClone serves, each bound to its use case. */
public final class ApiEndpoints {

    private ApiEndpoints() {
    }

    public static List<ApiEndpoint<?, ?>> of(CloneHostPropertyUseCase cloneHostProperty,
                                             CreateBusinessUseCase createBusiness,
                                             AddHostsToBusinessIdleUseCase addHostsToBusinessIdle,
                                             GetHostBaseInfoUseCase getHostBaseInfo) {
        return List.of(
                new CloneHostPropertyApi(cloneHostProperty),
                new CreateBusinessApi(createBusiness),
                new AddHostToBusinessIdleApi(addHostsToBusinessIdle),
                new GetHostBaseInfoApi(getHostBaseInfo));
    }
}
