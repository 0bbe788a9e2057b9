package dev.hostclone.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.application.service.AddHostsToBusinessIdleService;
import dev.hostclone.application.service.AuthenticateAppService;
import dev.hostclone.application.service.Authorization;
import dev.hostclone.application.service.BusinessMaintainerAuthorizer;
import dev.hostclone.application.service.CloneHostPropertyService;
import dev.hostclone.application.service.CreateBusinessService;
import dev.hostclone.application.service.GetHostBaseInfoService;
import dev.hostclone.domain.access.AccessPolicy;
import java.time.Clock;
import java.util.Set;

/** The use cases, wired to whatever out-ports the storage module binds. */
final class ApplicationModule extends AbstractModule {

    private final Set<String> administrators;

    ApplicationModule(Set<String> administrators) {
        this.administrators = Set.copyOf(administrators);
    }

    @Provides
    @Singleton
    ClockPort clock() {
        Clock system = Clock.systemUTC();
        return system::instant;
    }

    @Provides
    @Singleton
    AuthorizePort authorize(LoadBusinessPort businesses) {
        return new BusinessMaintainerAuthorizer(new AccessPolicy(administrators), businesses);
    }

    @Provides
    @Singleton
    Authorization authorization(AuthorizePort authorize) {
        return new Authorization(authorize);
    }

    @Provides
    @Singleton
    CloneHostPropertyUseCase cloneHostProperty(LoadHostsPort hosts, LoadHostModelPort model, UpdateHostPort updates,
                                               Authorization authorization, ClockPort clock) {
        return new CloneHostPropertyService(hosts, model, updates, authorization, clock);
    }

    @Provides
    @Singleton
    CreateBusinessUseCase createBusiness(CreateBusinessPort businesses, Authorization authorization, ClockPort clock) {
        return new CreateBusinessService(businesses, authorization, clock);
    }

    @Provides
    @Singleton
    AddHostsToBusinessIdleUseCase addHosts(LoadBusinessPort businesses, LoadHostModelPort model,
                                           LoadCloudAreasPort cloudAreas, AllocateHostIdsPort ids,
                                           CreateHostsPort store, Authorization authorization, ClockPort clock) {
        return new AddHostsToBusinessIdleService(businesses, model, cloudAreas, ids, store, authorization, clock);
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
}
