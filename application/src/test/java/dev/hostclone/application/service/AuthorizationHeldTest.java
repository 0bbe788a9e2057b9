package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.BusinessId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link Authorization#held}: those of many permissions asked in one call that the actor holds, in their order. */
class AuthorizationHeldTest {

    private static final List<Permission> VIEWING = LongStream.rangeClosed(1, 5)
            .mapToObj(id -> Permission.onBusiness(Action.FIND_BUSINESS, BusinessId.of(id))).toList();

    @Test
    void givenSomeMissingAnsweredInAnotherOrder_whenAskingWhichAreHeld_thenTheOthersInTheirOrder() {
        Authorization authorization = new Authorization((actor, required) -> CompletableFuture.completedStage(
                List.of(required.get(3), required.get(0))));

        assertThat(join(authorization.held(ALICE, VIEWING))).containsExactly(VIEWING.get(1), VIEWING.get(2), VIEWING.get(4));
    }

    @Test
    void givenNoneMissing_whenAskingWhichAreHeld_thenAllAreHeld() {
        Authorization authorization = new Authorization((actor, required) -> CompletableFuture.completedStage(List.of()));

        assertThat(join(authorization.held(ALICE, VIEWING))).isEqualTo(VIEWING);
    }

    @Test
    void givenAPermissionAnsweredMissingThatWasNotAsked_whenAskingWhichAreHeld_thenTheAuthorizerIsFaulted() {
        Permission other = Permission.onBusiness(Action.FIND_BUSINESS, BusinessId.of(9));
        Authorization authorization = new Authorization((actor, required) -> CompletableFuture.completedStage(
                List.of(other)));

        assertThatThrownBy(() -> join(authorization.held(ALICE, VIEWING))).isInstanceOf(CompletionException.class)
                .cause().isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the authorizer (AuthorizePort) answered find_business on biz 9 missing");
    }
}
