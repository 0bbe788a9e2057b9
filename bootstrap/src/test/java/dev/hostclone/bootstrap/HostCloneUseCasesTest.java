package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.Guice;
import com.google.inject.Key;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AppCredentials;
import dev.hostclone.application.port.in.BatchUpdateHostCommand;
import dev.hostclone.application.port.in.BatchUpdateOutcome;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.in.CreateCloudAreaCommand;
import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.CreateObjectUniqueCommand;
import dev.hostclone.application.port.in.DeleteObjectUniqueCommand;
import dev.hostclone.application.port.in.FindAuditByIdQuery;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.application.port.in.SearchObjectAttributeQuery;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.AppAuthentication;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The facade hands out every use case the application binds, each through the one way it calls them: failures in the
 * stage, never thrown; refused once closed. Until 2026-12-06 it handed out 4 of them, and a null command threw on the
 * caller's thread.
 */
class HostCloneUseCasesTest {

    private static final Actor ADMIN = new Actor("inventory-sync", "admin", "job-42");
    private static final String USE_CASES = "dev.hostclone.application.port.in";

    /** A use case added to the application and forgotten here fails this. */
    @Test
    void givenTheUseCasesTheApplicationBinds_whenTheFacadeIsRead_thenEachHasItsMethod() {
        Set<Class<?>> bound = Guice.createInjector(new ApplicationModule(Set.of("admin"), writer -> { }),
                        new StorageModule(new MemoryStore(Clock.systemUTC(), new SecretChecks(), AuditRetention.newest(1))))
                .getBindings().keySet().stream()
                .map(Key::getTypeLiteral).map(type -> (Class<?>) type.getRawType())
                .filter(type -> type.getPackageName().equals(USE_CASES) && type.getSimpleName().endsWith("UseCase"))
                .collect(Collectors.toSet());

        assertThat(bound).hasSize(17);
        assertThat(facadeMethods().stream().map(Method::getReturnType).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(bound);
    }

    /**
     * Each use case the facade hands out, called with nulls on a closed HostClone, answers in its stage that it is
     * closed: each goes through the facade's calls, and none throws on the caller's thread.
     */
    @Test
    void givenAClosedHostClone_whenEachUseCaseIsCalled_thenEachStageSaysItIsClosed() throws Exception {
        HostClone hostClone = HostClone.inMemory(Set.of("admin"));
        List<Method> methods = facadeMethods();
        List<Object> useCases = new java.util.ArrayList<>();
        for (Method method : methods) {
            useCases.add(method.invoke(hostClone));
        }

        hostClone.close();

        for (Object useCase : useCases) {
            Method call = onlyMethod(useCase.getClass().getInterfaces()[0]);
            CompletionStage<?> stage = (CompletionStage<?>) call.invoke(useCase, nulls(call));
            assertThat(catchThrowable(() -> stage.toCompletableFuture().join()))
                    .as(call.getName()).cause().isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("the HostClone is closed");
        }
    }

    /** Every use case called once, in the order an application would: what each answers is what it was asked. */
    @Test
    void givenEmbeddedInMemory_whenEachUseCaseIsCalledOnce_thenEachAnswers() {
        try (HostClone hostClone = HostClone.inMemory(Set.of("admin"))) {
            Business shop = join(hostClone.createBusiness().createBusiness(ADMIN,
                    new CreateBusinessCommand(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice"))));
            CloudArea area = join(hostClone.createCloudArea().createCloudArea(ADMIN,
                    new CreateCloudAreaCommand(Map.of("bk_cloud_name", "lab"))));
            Attribute rack = join(hostClone.createObjectAttribute().createAttribute(ADMIN,
                    CreateObjectAttributeCommand.global(Map.of("bk_obj_id", "host", "bk_property_id", "rack",
                            "bk_property_name", "Rack", "bk_property_type", "singlechar"))));
            // the rule binds no host yet: made and deleted before any host has a rack
            UniqueRule rule = join(hostClone.createObjectUnique().createUniqueRule(ADMIN,
                    CreateObjectUniqueCommand.over(rack.id())));
            assertThat(join(hostClone.searchObjectUnique().searchUniqueRules(ADMIN))).contains(rule);
            join(hostClone.deleteObjectUnique().deleteUniqueRule(ADMIN, new DeleteObjectUniqueCommand(rule.id())));
            assertThat(join(hostClone.searchObjectUnique().searchUniqueRules(ADMIN))).doesNotContain(rule);
            List<HostId> hosts = join(hostClone.addHostsToBusinessIdle().addHostsToBusinessIdle(ADMIN,
                    new AddHostsCommand(shop.id(), List.of(
                            Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "bk_os_name", "Debian"),
                            Map.of("bk_host_innerip", "10.0.0.2", "bk_cloud_id", 0L)))));
            BatchUpdateOutcome updated = join(hostClone.batchUpdateHost().batchUpdateHosts(ADMIN,
                    new BatchUpdateHostCommand(List.of(new HostPropertiesUpdate(hosts.get(0), Map.of("rack", "R-12"))))));
            CloneOutcome cloned = join(hostClone.cloneHostProperty().cloneHostProperty(ADMIN,
                    CloneHostPropertyCommand.byInnerIp(shop.id(), CloudAreaId.DEFAULT,
                            IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2"))));

            assertThat(join(hostClone.getHostBaseInfo().getHostBaseInfo(ADMIN, hosts.get(1))))
                    .anySatisfy(property -> assertThat(property.propertyId() + "=" + property.value())
                            .isEqualTo("rack=R-12"));
            assertThat(join(hostClone.searchBusiness().searchBusinesses(ADMIN,
                    new BusinessQuery(Map.of(), null, new PageRequest(0, 10, Business.ID, false)))).info())
                    .extracting(Business::id).containsExactly(shop.id());
            assertThat(join(hostClone.searchCloudArea().searchCloudAreas(ADMIN,
                    new CloudAreaQuery(Map.of(), false, new PageRequest(0, 10, CloudArea.ID, false)))).info())
                    .extracting(CloudArea::name).contains("Default Area", area.name());
            assertThat(join(hostClone.searchObjectAttribute().searchAttributes(ADMIN,
                    new SearchObjectAttributeQuery(shop.id(), Map.of("bk_property_id", "rack")))))
                    .containsExactly(rack);
            Page<AuditRecord> audits = join(hostClone.listOperationAudit().listAudit(ADMIN, new AuditQuery(
                    Instant.EPOCH, null, shop.id(), "host", hosts.get(1).value(), Set.of(), null,
                    new PageRequest(0, 10, AuditQuery.ID, false))));
            assertThat(audits.info()).extracting(AuditRecord::id)
                    .contains(((CloneOutcome.Cloned) cloned).auditId());
            assertThat(join(hostClone.findAuditById().findAudits(ADMIN,
                    FindAuditByIdQuery.of(updated.hosts().get(0).auditId()))))
                    .extracting(AuditRecord::id).containsExactly(updated.hosts().get(0).auditId());
            assertThat(join(hostClone.authenticateApp().authenticate(new AppCredentials("ops", "s3cret"))))
                    .isEqualTo(AppAuthentication.UNKNOWN_APP);
            assertThat(join(hostClone.checkReadiness().checkReadiness()).ready()).isTrue();
        }
    }

    /** A null parameter fails the stage naming it, as every other failure comes: until 2026-12-06 a null command threw. */
    @Test
    void givenANullCommandOrActor_whenCalled_thenTheStageFailsNamingIt() {
        try (HostClone hostClone = HostClone.inMemory(Set.of("admin"))) {
            CompletionStage<CloneOutcome> noCommand = hostClone.cloneHostProperty().cloneHostProperty(ADMIN, null);
            CompletionStage<List<HostId>> noActor = hostClone.addHostsToBusinessIdle().addHostsToBusinessIdle(null,
                    new AddHostsCommand(BusinessId.of(1), List.of(Map.of("bk_host_innerip", "10.0.0.1"))));

            assertThat(catchThrowable(() -> join(noCommand))).isInstanceOf(CompletionException.class).cause()
                    .isExactlyInstanceOf(NullPointerException.class).hasMessage("command");
            assertThat(catchThrowable(() -> join(noActor))).isInstanceOf(CompletionException.class).cause()
                    .isExactlyInstanceOf(NullPointerException.class).hasMessage("actor");
        }
    }

    /**
     * A clone of a host onto itself writes nothing and reads nothing, but is still refused once closed, and without
     * an actor: until 2026-12-06 it succeeded either way.
     */
    @Test
    void givenASameHostClone_whenClosedOrWithoutAnActor_thenItIsRefused() {
        HostClone hostClone = HostClone.inMemory(Set.of("admin"));
        CloneHostPropertyCommand onItself = CloneHostPropertyCommand.byInnerIp(BusinessId.of(1), CloudAreaId.DEFAULT,
                IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.1"));

        Throwable withoutActor = catchThrowable(() -> join(hostClone.cloneHostProperty().cloneHostProperty(null,
                onItself)));
        hostClone.close();
        Throwable closed = catchThrowable(() -> join(hostClone.cloneHostProperty().cloneHostProperty(ADMIN, onItself)));

        assertThat(withoutActor).cause().isExactlyInstanceOf(NullPointerException.class).hasMessage("actor");
        assertThat(closed).cause().isInstanceOf(StoreUnavailableException.class).hasMessage("the HostClone is closed");
    }

    /** Checked before anything opens, naming the parameter. */
    @Test
    void givenNoAdministrators_whenEmbedding_thenItIsRefusedNamingThem() {
        assertThatNullPointerException().isThrownBy(() -> HostClone.inMemory(null)).withMessage("administrators");
        assertThatNullPointerException().isThrownBy(() -> HostClone.onPostgres("postgresql://nobody:x@127.0.0.1:1/none",
                null)).withMessage("administrators");
        assertThatNullPointerException().isThrownBy(() -> HostClone.onPostgres(null, Set.of("admin")))
                .withMessage("postgresUrl");
    }

    /**
     * A set of the application's own making may hold a null, which the set it is copied into refuses: until 2026-12-06
     * as a NullPointerException with no message, from the wiring's depths, naming neither the parameter nor the null.
     */
    @Test
    void givenAdministratorsHoldingANull_whenEmbedding_thenItIsRefusedNamingThemAndTheNull() {
        Set<String> administrators = new HashSet<>(Arrays.asList("admin", null));
        String expected = "administrators holds a null where a user's name belongs";

        assertThatNullPointerException().isThrownBy(() -> HostClone.inMemory(administrators)).withMessage(expected);
        assertThatNullPointerException().isThrownBy(() -> HostClone.onPostgres("postgresql://nobody:x@127.0.0.1:1/none",
                administrators)).withMessage(expected);
    }

    /** The public, no-argument methods of the facade that hand out a use case. */
    private static List<Method> facadeMethods() {
        return Arrays.stream(HostClone.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getParameterCount() == 0
                        && method.getReturnType().getPackageName().equals(USE_CASES))
                .toList();
    }

    private static Method onlyMethod(Class<?> useCase) {
        List<Method> abstracts = Arrays.stream(useCase.getMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers())).toList();
        assertThat(abstracts).as(useCase.getSimpleName()).hasSize(1);
        return abstracts.get(0);
    }

    /** Null for every parameter, zero for a primitive one. */
    private static Object[] nulls(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(type -> type == long.class ? (Object) 0L : null).toArray();
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
