package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.SHOP;
import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.access.AccessPolicy;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One user, one name: a caller is the maintainer or administrator their name names, however its accents were typed. */
class BusinessMaintainerAuthorizerTest {

    /** Stored names are composed (NFC), as every objuser value written is. */
    private static final String COMPOSED = "jos\u00e9";
    private static final String DECOMPOSED = "jose\u0301";

    private final List<Permission> onTheirHosts = List.of(
            Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, SHOP),
            Permission.onHost(Action.EDIT_BIZ_HOST, SHOP, HostId.of(11)));

    @Test
    void givenABusinessMaintainedByANameStoredComposed_whenThatUserAsksWithTheNameDecomposed_thenNothingIsMissing() {
        Business shop = new Business(SHOP, Map.of(Business.MAINTAINER, "alice," + COMPOSED));
        BusinessMaintainerAuthorizer authorizer = new BusinessMaintainerAuthorizer(new AccessPolicy(Set.of("admin")),
                id -> CompletableFuture.completedStage(Optional.of(shop).filter(business -> business.id().equals(id))));

        assertThat(join(authorizer.missingPermissions(new Actor("app", DECOMPOSED, "rid"), onTheirHosts))).isEmpty();
        assertThat(join(authorizer.missingPermissions(new Actor("app", "jose", "rid"), onTheirHosts)))
                .as("the name without its accent is someone else").isEqualTo(onTheirHosts);
    }

    @Test
    void givenAnAdministratorConfiguredDecomposed_whenThatUserAsksWithTheNameComposed_thenNothingIsMissing() {
        BusinessMaintainerAuthorizer authorizer = new BusinessMaintainerAuthorizer(new AccessPolicy(Set.of(DECOMPOSED)),
                id -> CompletableFuture.completedStage(Optional.empty()));
        List<Permission> createBusiness = List.of(Permission.onPlatform(Action.CREATE_BUSINESS, "biz"));

        assertThat(join(authorizer.missingPermissions(new Actor("app", COMPOSED, "rid"), createBusiness))).isEmpty();
    }
}
