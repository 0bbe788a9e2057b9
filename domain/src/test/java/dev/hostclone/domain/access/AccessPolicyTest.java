package dev.hostclone.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.HostId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy(Set.of("admin"));
    private final Business shop = new Business(BusinessId.of(2), Map.of("bk_biz_maintainer", "alice"));
    private final Permission editHost = Permission.onHost(Action.EDIT_BIZ_HOST, BusinessId.of(2), HostId.of(11));

    @Test
    void givenAdministrator_whenAsking_thenEverythingIsPermitted() {
        assertThat(policy.permits("admin", editHost, null)).isTrue();
        assertThat(policy.permits("admin", Permission.onPlatform(Action.CREATE_BUSINESS, "biz"), null)).isTrue();
    }

    @Test
    void givenMaintainerOfTheBusiness_whenAsking_thenItsHostsMayBeEdited() {
        assertThat(policy.permits("alice", editHost, shop)).isTrue();
    }

    @Test
    void givenMaintainerOfAnotherBusiness_whenAsking_thenNothingIsPermitted() {
        Business other = new Business(BusinessId.of(3), Map.of("bk_biz_maintainer", "alice"));

        assertThat(policy.permits("alice", editHost, other)).isFalse();
        assertThat(policy.permits("bob", editHost, shop)).isFalse();
    }

    @Test
    void givenAnAdministratorConfiguredDecomposed_whenTheComposedNameAsks_thenEverythingIsPermitted() {
        AccessPolicy configured = new AccessPolicy(Set.of("jose\u0301"));

        assertThat(configured.isAdministrator("jos\u00e9")).isTrue();
        assertThat(configured.administrators()).containsExactly("jos\u00e9");
    }

    @Test
    void givenMaintainer_whenAskingForPlatformAction_thenItIsRefused() {
        assertThat(policy.permits("alice", Permission.onPlatform(Action.CREATE_BUSINESS, "biz"), shop)).isFalse();
    }

    /** Nobody can call with a name over 256 characters, so an administrator of that name is a mistake. */
    @Test
    void givenAnAdministratorOf257Characters_whenMade_thenRefusedShowingItsStart() {
        String name = "ops-" + "x".repeat(253);

        assertThatThrownBy(() -> new AccessPolicy(Set.of("admin", name)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("administrators: a name holds at most 256 characters, and 'ops-xxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"
                        + " holds 257");
        assertThat(new AccessPolicy(Set.of(name.substring(1))).isAdministrator(name.substring(1))).isTrue();
    }
}
