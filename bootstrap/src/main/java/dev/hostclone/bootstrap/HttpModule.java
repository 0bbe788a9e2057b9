package dev.hostclone.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hostclone.adapter.http.HttpApi;
import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.api.ApiEndpoints;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import io.vertx.core.Vertx;

/** The HTTP adapter, driving the use cases the application module binds. */
final class HttpModule extends AbstractModule {

    private final Vertx vertx;
    private final HttpSettings settings;

    HttpModule(Vertx vertx, HttpSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    @Provides
    @Singleton
    HttpApi httpApi(AuthenticateAppUseCase authenticateApp, CloneHostPropertyUseCase cloneHostProperty,
                    CreateBusinessUseCase createBusiness, AddHostsToBusinessIdleUseCase addHosts,
                    GetHostBaseInfoUseCase getHostBaseInfo) {
        return new HttpApi(vertx, settings, authenticateApp,
                ApiEndpoints.of(cloneHostProperty, createBusiness, addHosts, getHostBaseInfo));
    }
}
