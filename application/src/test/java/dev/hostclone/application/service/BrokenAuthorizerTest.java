package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.LAB;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.SHOP;
import static dev.hostclone.application.service.Fixtures.join;
import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An authorizer that breaks its port's contract (an application's own, answering null) fails the use case with a
 * fault that names it and the actions asked, before anything is written: until 2026-12-06 a NullPointerException
 * deep in the service, which said neither, and which a server answered 1199998 as any bug of its own.
 */
class BrokenAuthorizerTest {

    private final FakeHosts store = new FakeHosts().with(
            aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(2).with("operator", "alice").build(),
            aHost().withId(11).withInnerIp("10.0.0.2").inBusiness(2).with("operator", "bob").build());

    @Test
    void givenAnAuthorizerAnsweringNull_whenCloning_thenAFaultNamingItAndTheActionsAndNothingWritten() {
        AuthorizePort answersNull = (actor, required) -> CompletableFuture.completedStage(null);

        Throwable failure = failureOf(() -> clone(answersNull));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("the authorizer (AuthorizePort) answered null for find_business_resource, edit_biz_host, not the permissions the"
                        + " actor lacks (an empty list when it holds them all)");
        assertThat(store.writeAttempts).isZero();
    }

    @Test
    void givenAnAuthorizerReturningNoStage_whenCloning_thenAFaultNamingItAndTheActionsAndNothingWritten() {
        AuthorizePort returnsNull = (actor, required) -> null;

        Throwable failure = failureOf(() -> clone(returnsNull));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("the authorizer (AuthorizePort) returned null for find_business_resource, edit_biz_host, not a CompletionStage of"
                        + " the permissions the actor lacks");
        assertThat(store.writeAttempts).isZero();
    }

    /**
     * A port throwing where it should fail its stage: the use cases that ask first (create_business, search_business,
     * the model's changes) would throw on their caller's thread instead of answering with a failed stage.
     */
    @Test
    void givenAnAuthorizerThrowing_whenRequiringAPermission_thenAStageFailedWithItComesBack() {
        AuthorizationUndecidedException undecided = new AuthorizationUndecidedException("the IAM is down", null);
        Authorization authorization = new Authorization((actor, required) -> {
            throw undecided;
        });

        CompletionStage<Void> answer = authorization.require(ALICE,
                List.of(Permission.onPlatform(Action.CREATE_BUSINESS, Resource.BUSINESS)));

        assertThat(failureOf(() -> answer)).isSameAs(undecided);
    }

    /** The question that narrows an answer (search_business) rather than refuses it fails alike. */
    @Test
    void givenAnAuthorizerAnsweringNull_whenAskedWhetherAPermissionIsHeld_thenAFaultNamingItAndTheAction() {
        Authorization authorization = new Authorization((actor, required) -> CompletableFuture.completedStage(null));

        Throwable failure = failureOf(() -> authorization.holds(ALICE,
                Permission.onPlatform(Action.FIND_BUSINESS, Resource.BUSINESS)));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the authorizer (AuthorizePort) answered null for find_business,");
    }

    /**
     * An answer naming a permission the use case never asked for is no refusal of it: until 2026-12-06 the clone was
     * refused with a PermissionMissing naming that permission, which the caller could not have lacked.
     */
    @Test
    void givenAnAuthorizerAnsweringAPermissionNotAskedFor_whenCloning_thenAFaultNamingItAndNothingWritten() {
        AuthorizePort answersOther = (actor, required) -> CompletableFuture.completedStage(
                List.of(Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, LAB)));

        Throwable failure = failureOf(() -> clone(answersOther));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("the authorizer (AuthorizePort) answered find_business_resource on biz 3 missing when"
                        + " asked for find_business_resource on biz 2; edit_biz_host on biz 2, host 11, a permission"
                        + " it was not asked for");
        assertThat(store.writeAttempts).isZero();
    }

    private CompletionStage<?> clone(AuthorizePort authorizer) {
        CloneHostPropertyService clone = new CloneHostPropertyService(store, store, store, new Authorization(authorizer),
                () -> NOW, writer -> { });
        return clone.cloneHostProperty(ALICE, CloneHostPropertyCommand.byHostId(SHOP, CloudAreaId.DEFAULT,
                HostId.of(10), HostId.of(11)));
    }

    /** What the call ended with, as a caller of the use case sees it once its stage's wrapper is taken off. */
    private static Throwable failureOf(Supplier<? extends CompletionStage<?>> call) {
        Throwable thrown = catchThrowable(() -> join(call.get()));
        return thrown instanceof CompletionException ? thrown.getCause() : thrown;
    }
}
