package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CreateBusinessServiceTest {

    private final List<Map<String, Object>> stored = new ArrayList<>();
    private final CreateBusinessService service = new CreateBusinessService(properties -> {
        stored.add(properties);
        return CompletableFuture.completedStage(new Business(BusinessId.of(2), properties));
    }, Fixtures.authorization(), () -> NOW);

    /** As a new host is stamped, and as BlueKing stamps every instance it creates: until 2026-12-07 no updater. */
    @Test
    void givenABusiness_whenCreated_thenItIsStampedWithItsCreatorAsItsCreatorAndItsLastUpdater() {
        join(service.createBusiness(ADMIN, new CreateBusinessCommand(
                Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice"))));

        assertThat(stored).singleElement().satisfies(properties -> assertThat(properties)
                .containsEntry("bk_created_by", "admin")
                .containsEntry("bk_updated_by", "admin")
                .containsEntry("bk_created_at", "2026-11-28T08:00:00Z")
                .containsEntry("bk_updated_at", "2026-11-28T08:00:00Z")
                .containsEntry("create_time", "2026-11-28T08:00:00Z")
                .containsEntry("last_time", "2026-11-28T08:00:00Z"));
    }
}
