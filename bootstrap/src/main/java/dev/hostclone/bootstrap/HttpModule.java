package dev.hostclone.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hostclone.adapter.http.HttpApi;
import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.api.ApiEndpoints;
import dev.hostclone.adapter.http.api.ApiUseCases;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
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
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

/** The HTTP adapter, driving the use cases the application module binds and measuring into the server's registry. */
final class HttpModule extends AbstractModule {

    private final Vertx vertx;
    private final HttpSettings settings;
    private final PrometheusMeterRegistry registry;

    HttpModule(Vertx vertx, HttpSettings settings, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.registry = registry;
    }

    @Provides
    @Singleton
    HttpApi httpApi(AuthenticateAppUseCase authenticateApp, CheckReadinessUseCase readiness, ApiUseCases useCases) {
        HttpMetrics metrics = new HttpMetrics(registry);
        return new HttpApi(vertx, settings, authenticateApp, readiness, metrics,
                ApiEndpoints.of(useCases, metrics, settings.timeZone()));
    }

    @Provides
    @Singleton
    ApiUseCases useCases(CloneHostPropertyUseCase cloneHostProperty, CreateBusinessUseCase createBusiness,
                         SearchBusinessUseCase searchBusiness, CreateCloudAreaUseCase createCloudArea,
                         SearchCloudAreaUseCase searchCloudArea, AddHostsToBusinessIdleUseCase addHostsToBusinessIdle,
                         GetHostBaseInfoUseCase getHostBaseInfo, BatchUpdateHostUseCase batchUpdateHost,
                         SearchObjectAttributeUseCase searchObjectAttribute,
                         CreateObjectAttributeUseCase createObjectAttribute,
                         SearchObjectUniqueUseCase searchObjectUnique, CreateObjectUniqueUseCase createObjectUnique,
                         DeleteObjectUniqueUseCase deleteObjectUnique, ListOperationAuditUseCase listOperationAudit,
                         FindAuditByIdUseCase findAuditById) {
        return new ApiUseCases(cloneHostProperty, createBusiness, searchBusiness, createCloudArea, searchCloudArea,
                addHostsToBusinessIdle, getHostBaseInfo, batchUpdateHost, searchObjectAttribute, createObjectAttribute,
                searchObjectUnique, createObjectUnique, deleteObjectUnique, listOperationAudit, findAuditById);
    }
}
