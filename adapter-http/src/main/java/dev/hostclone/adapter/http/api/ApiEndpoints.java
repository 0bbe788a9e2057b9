package dev.hostclone.adapter.http.api;

import dev.hostclone.adapter.http.metrics.HttpMetrics;
import java.time.ZoneId;
import java.util.List;

/**
 * The APIs HostClone serves (API.md §4 and §5), each bound to its use case, in the order of API.md; clone counts its
 * outcomes, and the audit APIs show and read operation times in the server's time zone.
 */
public final class ApiEndpoints {

    private ApiEndpoints() {
    }

    public static List<ApiEndpoint<?, ?>> of(ApiUseCases useCases, HttpMetrics metrics, ZoneId timeZone) {
        return List.of(
                new CloneHostPropertyApi(useCases.cloneHostProperty(), metrics),
                new CreateBusinessApi(useCases.createBusiness()),
                new SearchBusinessApi(useCases.searchBusiness()),
                new CreateCloudAreaApi(useCases.createCloudArea()),
                new SearchCloudAreaApi(useCases.searchCloudArea()),
                new AddHostToBusinessIdleApi(useCases.addHostsToBusinessIdle()),
                new GetHostBaseInfoApi(useCases.getHostBaseInfo()),
                new BatchUpdateHostApi(useCases.batchUpdateHost()),
                new SearchObjectAttributeApi(useCases.searchObjectAttribute()),
                new CreateObjectAttributeApi(useCases.createObjectAttribute()),
                new CreateBizCustomFieldApi(useCases.createObjectAttribute()),
                new SearchObjectUniqueApi(useCases.searchObjectUnique()),
                new CreateObjectUniqueApi(useCases.createObjectUnique()),
                new DeleteObjectUniqueApi(useCases.deleteObjectUnique()),
                new ListOperationAuditApi(useCases.listOperationAudit(), timeZone),
                new FindAuditByIdApi(useCases.findAuditById(), timeZone));
    }
}
