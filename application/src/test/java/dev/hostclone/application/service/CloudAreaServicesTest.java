package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.MALLORY;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.failureOf;
import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.CreateCloudAreaCommand;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CloudAreaServicesTest {

    private final List<CloudArea> created = new ArrayList<>();
    private final List<CloudAreaQuery> searched = new ArrayList<>();
    private final CreateCloudAreaService create = new CreateCloudAreaService(area -> {
        CloudArea stored = new CloudArea(CloudAreaId.of(created.size() + 1L), area.name(), area.creator(),
                area.createdAt(), area.properties());
        created.add(stored);
        return CompletableFuture.completedStage(stored);
    }, Fixtures.authorization(), () -> NOW);
    private final SearchCloudAreaService search = new SearchCloudAreaService(query -> {
        searched.add(query);
        return CompletableFuture.completedStage(new Page<CloudArea>(0, List.of()));
    });

    @Test
    void givenAdministrator_whenCreating_thenTheAreaIsStoredByThemUnderItsNewId() {
        CloudArea area = join(create.createCloudArea(ADMIN,
                new CreateCloudAreaCommand(Map.of("bk_cloud_name", "aws", "bk_vpc_id", "vpc-1"))));

        assertThat(area.id()).isEqualTo(CloudAreaId.of(1));
        assertThat(area.name()).isEqualTo("aws");
        assertThat(area.creator()).isEqualTo("admin");
        assertThat(area.createdAt()).isEqualTo(NOW);
        assertThat(area.properties()).isEqualTo(Map.of("bk_vpc_id", "vpc-1"));
    }

    @Test
    void givenMaintainer_whenCreating_thenThePlatformPermissionIsMissing() {
        assertThat(failureOf(() -> create.createCloudArea(ALICE,
                new CreateCloudAreaCommand(Map.of("bk_cloud_name", "aws")))))
                .isEqualTo(new Failure.PermissionMissing(List.of(
                        Permission.onPlatform(Action.CREATE_CLOUD_AREA, Resource.CLOUD_AREA))));
        assertThat(created).isEmpty();
    }

    @Test
    void givenNoName_whenCreating_thenNameIsUnassigned() {
        assertThat(failureOf(() -> create.createCloudArea(ADMIN, new CreateCloudAreaCommand(Map.of()))))
                .isEqualTo(new Failure.MissingField("bk_cloud_name"));
        assertThat(created).isEmpty();
    }

    @Test
    void givenAnyUser_whenSearching_thenTheQueryIsAnswered() {
        CloudAreaQuery query = new CloudAreaQuery(Map.of("bk_cloud_name", "aws"), true,
                new PageRequest(0, 1000, "create_time", true));

        join(search.searchCloudAreas(MALLORY, query));

        assertThat(searched).containsExactly(query);
    }
}
