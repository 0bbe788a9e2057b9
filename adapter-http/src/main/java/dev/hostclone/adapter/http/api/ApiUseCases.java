package dev.hostclone.adapter.http.api;

import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.in.BatchUpdateHostUseCase;
import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.application.port.in.CreateCloudAreaUseCase;
import dev.hostclone.application.port.in.CreateObjectAttributeUseCase;
import dev.hostclone.application.port.in.CreateObjectUniqueUseCase;
import dev.hostclone.application.port.in.DeleteObjectUniqueUseCase;
import dev.hostclone.application.port.in.FindAuditByIdUseCase;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.in.ListOperationAuditUseCase;
import dev.hostclone.application.port.in.SearchBusinessUseCase;
import dev.hostclone.application.port.in.SearchCloudAreaUseCase;
import dev.hostclone.application.port.in.SearchObjectAttributeUseCase;
import dev.hostclone.application.port.in.SearchObjectUniqueUseCase;
import java.util.Objects;

/**
 * Every use case the HTTP API drives, one component per in-port; {@code createObjectAttribute}
 * serves both create_object_attribute and create_biz_custom_field. A record, so that wiring one
 * more API is a compile error until every caller supplies its use case.
 */
public record ApiUseCases(
        CloneHostPropertyUseCase cloneHostProperty,
        CreateBusinessUseCase createBusiness,
        SearchBusinessUseCase searchBusiness,
        CreateCloudAreaUseCase createCloudArea,
        SearchCloudAreaUseCase searchCloudArea,
        AddHostsToBusinessIdleUseCase addHostsToBusinessIdle,
        GetHostBaseInfoUseCase getHostBaseInfo,
        BatchUpdateHostUseCase batchUpdateHost,
        SearchObjectAttributeUseCase searchObjectAttribute,
        CreateObjectAttributeUseCase createObjectAttribute,
        SearchObjectUniqueUseCase searchObjectUnique,
        CreateObjectUniqueUseCase createObjectUnique,
        DeleteObjectUniqueUseCase deleteObjectUnique,
        ListOperationAuditUseCase listOperationAudit,
        FindAuditByIdUseCase findAuditById) {

    public ApiUseCases {
        Objects.requireNonNull(cloneHostProperty, "cloneHostProperty");
        Objects.requireNonNull(createBusiness, "createBusiness");
        Objects.requireNonNull(searchBusiness, "searchBusiness");
        Objects.requireNonNull(createCloudArea, "createCloudArea");
        Objects.requireNonNull(searchCloudArea, "searchCloudArea");
        Objects.requireNonNull(addHostsToBusinessIdle, "addHostsToBusinessIdle");
        Objects.requireNonNull(getHostBaseInfo, "getHostBaseInfo");
        Objects.requireNonNull(batchUpdateHost, "batchUpdateHost");
        Objects.requireNonNull(searchObjectAttribute, "searchObjectAttribute");
        Objects.requireNonNull(createObjectAttribute, "createObjectAttribute");
        Objects.requireNonNull(searchObjectUnique, "searchObjectUnique");
        Objects.requireNonNull(createObjectUnique, "createObjectUnique");
        Objects.requireNonNull(deleteObjectUnique, "deleteObjectUnique");
        Objects.requireNonNull(listOperationAudit, "listOperationAudit");
        Objects.requireNonNull(findAuditById, "findAuditById");
    }
}
