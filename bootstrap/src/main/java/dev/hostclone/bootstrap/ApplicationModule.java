package dev.hostclone.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.application.port.in.BatchUpdateHostUseCase;
import dev.hostclone.application.port.in.CheckReadinessUseCase;
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
import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.application.port.out.StoreReadinessPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.application.service.AddHostsToBusinessIdleService;
import dev.hostclone.application.service.AuthenticateAppService;
import dev.hostclone.application.service.Authorization;
import dev.hostclone.application.service.BatchUpdateHostService;
import dev.hostclone.application.service.BusinessMaintainerAuthorizer;
import dev.hostclone.application.service.CheckReadinessService;
import dev.hostclone.application.service.CloneHostPropertyService;
import dev.hostclone.application.service.CreateBusinessService;
import dev.hostclone.application.service.CreateCloudAreaService;
import dev.hostclone.application.service.CreateObjectAttributeService;
import dev.hostclone.application.service.CreateObjectUniqueService;
import dev.hostclone.application.service.DeleteObjectUniqueService;
import dev.hostclone.application.service.FindAuditByIdService;
import dev.hostclone.application.service.GetHostBaseInfoService;
import dev.hostclone.application.service.ListOperationAuditService;
import dev.hostclone.application.service.SearchBusinessService;
import dev.hostclone.application.service.SearchCloudAreaService;
import dev.hostclone.application.service.SearchObjectAttributeService;
import dev.hostclone.application.service.SearchObjectUniqueService;
import dev.hostclone.domain.access.AccessPolicy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;

/** The use cases, wired to whatever out-ports the storage module binds. */
final class ApplicationModule extends AbstractModule {

    /** A readiness probe gets its answer within this, database down or not (and within the usual 1 s probe timeout). */
    static final Duration READINESS_TIMEOUT = Duration.ofMillis(800);

    private final Set<String> administrators;
    private final ReportStaleWritePort staleWrites;
    /** Null: the built-in authorization. */
    private final AuthorizePort authorizer;
    /** Null: the authorizer asked where the use case runs; else where it is asked, and its bound. */
    private final Executor asking;
    private final Duration authorizerTimeout;

    /**
     * With the built-in authorization, {@code administrators} allowed everything; {@code staleWrites} hears of
     * every host write planned again: a server's meters, or nothing.
     */
    ApplicationModule(Set<String> administrators, ReportStaleWritePort staleWrites) {
        this(administrators, staleWrites, null);
    }

    /**
     * With {@code authorizer} deciding every permission alone, {@code administrators} then unused (README
     * <i>Embedding</i>); with the built-in authorization when it is null. Either is asked where the use case runs,
     * unbounded: a test's server with a port that answers at once, not an embedding application's.
     */
    ApplicationModule(Set<String> administrators, ReportStaleWritePort staleWrites, AuthorizePort authorizer) {
        this(administrators, staleWrites, authorizer, null, null);
    }

    /**
     * As {@link #ApplicationModule(Set, ReportStaleWritePort, AuthorizePort)}, an application's {@code authorizer}
     * asked on {@code asking} and bounded by {@code authorizerTimeout} ({@link Authorization#elsewhere}): the
     * embedding facade's, whose event loop it must not hold. The built-in authorization, when {@code authorizer}
     * is null, is still asked where the use case runs, without a hop.
     */
    ApplicationModule(Set<String> administrators, ReportStaleWritePort staleWrites, AuthorizePort authorizer,
                      Executor asking, Duration authorizerTimeout) {
        this.administrators = AccessPolicy.copyOfAdministrators(administrators);
        this.staleWrites = staleWrites;
        this.authorizer = authorizer;
        this.asking = asking;
        this.authorizerTimeout = authorizerTimeout;
    }

    @Provides
    @Singleton
    ClockPort clock() {
        return new EventLoopClock();
    }

    @Provides
    @Singleton
    ReportStaleWritePort staleWrites() {
        return staleWrites;
    }

    @Provides
    @Singleton
    AuthorizePort authorize(LoadBusinessPort businesses) {
        if (authorizer != null) {
            return authorizer;
        }
        return new BusinessMaintainerAuthorizer(new AccessPolicy(administrators), businesses);
    }

    @Provides
    @Singleton
    Authorization authorization(AuthorizePort authorize) {
        return authorizer != null && asking != null ? Authorization.elsewhere(authorize, asking, authorizerTimeout)
                : new Authorization(authorize);
    }

    @Provides
    @Singleton
    CloneHostPropertyUseCase cloneHostProperty(LoadHostsPort hosts, LoadHostModelPort model, UpdateHostPort updates,
                                               Authorization authorization, ClockPort clock,
                                               ReportStaleWritePort staleWrites) {
        return new CloneHostPropertyService(hosts, model, updates, authorization, clock, staleWrites);
    }

    @Provides
    @Singleton
    CreateBusinessUseCase createBusiness(CreateBusinessPort businesses, Authorization authorization, ClockPort clock) {
        return new CreateBusinessService(businesses, authorization, clock);
    }

    @Provides
    @Singleton
    AddHostsToBusinessIdleUseCase addHosts(LoadBusinessPort businesses, LoadCurrentHostModelPort model,
                                           LoadCloudAreasPort cloudAreas, AllocateHostIdsPort ids,
                                           CreateHostsPort store, Authorization authorization, ClockPort clock,
                                           ReportStaleWritePort staleWrites) {
        return new AddHostsToBusinessIdleService(businesses, model, cloudAreas, ids, store, authorization, clock,
                staleWrites);
    }

    @Provides
    @Singleton
    GetHostBaseInfoUseCase getHostBaseInfo(LoadHostsPort hosts, LoadHostModelPort model, Authorization authorization) {
        return new GetHostBaseInfoService(hosts, model, authorization);
    }

    @Provides
    @Singleton
    AuthenticateAppUseCase authenticateApp(VerifyAppSecretPort secrets) {
        return new AuthenticateAppService(secrets);
    }

    @Provides
    @Singleton
    SearchBusinessUseCase searchBusiness(SearchBusinessesPort businesses, Authorization authorization) {
        // the built-in rule's viewers are the maintainers, which the store finds; an application's IAM is asked
        return authorizer == null ? SearchBusinessService.ofMaintainers(businesses, authorization)
                : SearchBusinessService.askingEachBusiness(businesses, authorization);
    }

    @Provides
    @Singleton
    CreateCloudAreaUseCase createCloudArea(CreateCloudAreaPort cloudAreas, Authorization authorization, ClockPort clock) {
        return new CreateCloudAreaService(cloudAreas, authorization, clock);
    }

    @Provides
    @Singleton
    SearchCloudAreaUseCase searchCloudArea(SearchCloudAreasPort cloudAreas) {
        return new SearchCloudAreaService(cloudAreas);
    }

    @Provides
    @Singleton
    BatchUpdateHostUseCase batchUpdateHost(LoadHostsPort hosts, LoadHostModelPort model, UpdateHostPort updates,
                                           Authorization authorization, ClockPort clock,
                                           ReportStaleWritePort staleWrites) {
        return new BatchUpdateHostService(hosts, model, updates, authorization, clock, staleWrites);
    }

    @Provides
    @Singleton
    SearchObjectAttributeUseCase searchObjectAttribute(LoadCurrentHostModelPort model) {
        return new SearchObjectAttributeService(model);
    }

    @Provides
    @Singleton
    CreateObjectAttributeUseCase createObjectAttribute(LoadBusinessPort businesses, ChangeHostModelPort changes,
                                                       Authorization authorization, ClockPort clock) {
        return new CreateObjectAttributeService(businesses, changes, authorization, clock);
    }

    @Provides
    @Singleton
    SearchObjectUniqueUseCase searchObjectUnique(LoadCurrentHostModelPort model) {
        return new SearchObjectUniqueService(model);
    }

    @Provides
    @Singleton
    CreateObjectUniqueUseCase createObjectUnique(LoadCurrentHostModelPort model, ChangeHostModelPort changes,
                                                 Authorization authorization, ClockPort clock) {
        return new CreateObjectUniqueService(model, changes, authorization, clock);
    }

    @Provides
    @Singleton
    DeleteObjectUniqueUseCase deleteObjectUnique(LoadCurrentHostModelPort model, ChangeHostModelPort changes,
                                                 Authorization authorization) {
        return new DeleteObjectUniqueService(model, changes, authorization);
    }

    @Provides
    @Singleton
    ListOperationAuditUseCase listOperationAudit(SearchAuditPort audits, Authorization authorization) {
        return new ListOperationAuditService(audits, authorization);
    }

    @Provides
    @Singleton
    CheckReadinessUseCase checkReadiness(StoreReadinessPort store) {
        return new CheckReadinessService(store, READINESS_TIMEOUT);
    }

    @Provides
    @Singleton
    FindAuditByIdUseCase findAuditById(LoadAuditsPort audits, Authorization authorization) {
        return new FindAuditByIdService(audits, authorization);
    }
}
