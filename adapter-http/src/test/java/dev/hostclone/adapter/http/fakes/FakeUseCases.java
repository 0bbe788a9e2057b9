package dev.hostclone.adapter.http.fakes;

import dev.hostclone.adapter.http.api.ApiUseCases;
import java.util.List;

/** One fake of every use case the HTTP API drives, bound together as {@link ApiUseCases}. */
public class FakeUseCases {

    public final FakeCloneHostProperty cloneHostProperty = new FakeCloneHostProperty();
    public final FakeCreateBusiness createBusiness = new FakeCreateBusiness();
    public final FakeSearchBusiness searchBusiness = new FakeSearchBusiness();
    public final FakeCreateCloudArea createCloudArea = new FakeCreateCloudArea();
    public final FakeSearchCloudArea searchCloudArea = new FakeSearchCloudArea();
    public final FakeAddHostsToBusinessIdle addHostsToBusinessIdle = new FakeAddHostsToBusinessIdle();
    public final FakeGetHostBaseInfo getHostBaseInfo = new FakeGetHostBaseInfo();
    public final FakeBatchUpdateHost batchUpdateHost = new FakeBatchUpdateHost();
    public final FakeSearchObjectAttribute searchObjectAttribute = new FakeSearchObjectAttribute();
    public final FakeCreateObjectAttribute createObjectAttribute = new FakeCreateObjectAttribute();
    public final FakeSearchObjectUnique searchObjectUnique = new FakeSearchObjectUnique();
    public final FakeCreateObjectUnique createObjectUnique = new FakeCreateObjectUnique();
    public final FakeDeleteObjectUnique deleteObjectUnique = new FakeDeleteObjectUnique();
    public final FakeListOperationAudit listOperationAudit = new FakeListOperationAudit();
    public final FakeFindAuditById findAuditById = new FakeFindAuditById();

    public ApiUseCases useCases() {
        return new ApiUseCases(cloneHostProperty, createBusiness, searchBusiness, createCloudArea, searchCloudArea,
                addHostsToBusinessIdle, getHostBaseInfo, batchUpdateHost, searchObjectAttribute, createObjectAttribute,
                searchObjectUnique, createObjectUnique, deleteObjectUnique, listOperationAudit, findAuditById);
    }

    /** Forgets every fake's recorded calls and canned answers. */
    public void reset() {
        List.of(cloneHostProperty, createBusiness, searchBusiness, createCloudArea, searchCloudArea,
                addHostsToBusinessIdle, getHostBaseInfo, batchUpdateHost, searchObjectAttribute, createObjectAttribute,
                searchObjectUnique, createObjectUnique, deleteObjectUnique, listOperationAudit, findAuditById)
                .forEach(FakeUseCase::reset);
    }
}
