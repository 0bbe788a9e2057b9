package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.CAROL;
import static dev.hostclone.application.service.Fixtures.failureOf;
import static dev.hostclone.application.service.Fixtures.join;
import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.testing.HostModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetHostBaseInfoServiceTest {

    private final Host host = aHost().withId(10).withInnerIp("10.0.0.1").inBusiness(2).with("operator", "alice").build();
    private final FakeHosts hosts = new FakeHosts().with(host);
    private final GetHostBaseInfoService service = new GetHostBaseInfoService(hosts, hosts, Fixtures.authorization());

    @Test
    void givenAHostInTheCallersBusiness_whenGettingItsBaseInfo_thenEveryVisibleAttributeComesInModelOrderThenTheId() {
        List<HostProperty> properties = join(service.getHostBaseInfo(ALICE, HostId.of(10)));

        List<String> visible = HostModels.standard().visibleIn(BusinessId.of(2)).stream()
                .map(Attribute::propertyId).toList();
        assertThat(properties).extracting(HostProperty::propertyId)
                .containsExactlyElementsOf(concat(visible, "bk_host_id"));
        assertThat(properties).contains(new HostProperty("operator", "operator", "operator", "alice"),
                new HostProperty("bk_host_innerip", "bk_host_innerip", "bk_host_innerip", "10.0.0.1"));
        assertThat(properties.get(properties.size() - 1)).isEqualTo(new HostProperty("bk_host_id", "主机ID", "Host ID", 10L));
    }

    @Test
    void givenAnUnknownHost_whenGettingItsBaseInfo_thenTheHostIsNotFound() {
        assertThat(failureOf(() -> service.getHostBaseInfo(ALICE, HostId.of(99)))).isEqualTo(new Failure.HostNotFound(99));
    }

    @Test
    void givenACallerWhoDoesNotMaintainTheHostsBusiness_whenGettingItsBaseInfo_thenTheFindPermissionIsMissing() {
        assertThat(failureOf(() -> service.getHostBaseInfo(CAROL, HostId.of(10)))).isEqualTo(new Failure.PermissionMissing(
                List.of(Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, BusinessId.of(2)))));
    }

    private static List<String> concat(List<String> names, String last) {
        List<String> all = new ArrayList<>(names);
        all.add(last);
        return all;
    }
}
