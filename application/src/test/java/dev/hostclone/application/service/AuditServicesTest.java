package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.LAB;
import static dev.hostclone.application.service.Fixtures.NOW;
import static dev.hostclone.application.service.Fixtures.SHOP;
import static dev.hostclone.application.service.Fixtures.failureOf;
import static dev.hostclone.application.service.Fixtures.join;
import static dev.hostclone.domain.testing.HostBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.FindAuditByIdQuery;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AuditServicesTest {

    private final AuditRecord shopRecord = record(1, SHOP);
    private final AuditRecord labRecord = record(2, LAB);
    private final AuditRecord otherLabRecord = record(3, LAB);
    private final AuditRecords audits = new AuditRecords(List.of(shopRecord, labRecord, otherLabRecord));
    private final ListOperationAuditService list = new ListOperationAuditService(audits, Fixtures.authorization());
    private final FindAuditByIdService find = new FindAuditByIdService(audits, Fixtures.authorization());

    @Test
    void givenAdministrator_whenListingWithoutBusiness_thenTheQueryIsAnswered() {
        AuditQuery query = query(null);

        join(list.listAudit(ADMIN, query));

        assertThat(audits.queries).containsExactly(query);
    }

    @Test
    void givenMaintainer_whenListingTheirBusiness_thenTheQueryIsAnswered() {
        join(list.listAudit(ALICE, query(SHOP)));

        assertThat(audits.queries).hasSize(1);
    }

    @Test
    void givenMaintainer_whenListingWithoutBusinessOrAnotherOne_thenTheMissingPermissionIsNamed() {
        assertThat(failureOf(() -> list.listAudit(ALICE, query(null)))).isEqualTo(new Failure.PermissionMissing(
                List.of(Permission.onPlatform(Action.FIND_AUDIT_LOG, Resource.AUDIT_LOG))));
        assertThat(failureOf(() -> list.listAudit(ALICE, query(LAB)))).isEqualTo(new Failure.PermissionMissing(
                List.of(Permission.onBusiness(Action.FIND_AUDIT_LOG, LAB))));
        assertThat(audits.queries).isEmpty();
    }

    @Test
    void givenIds_whenFinding_thenTheRecordsThatExistComeBackInTheOrderAskedOnceEach() {
        assertThat(join(find.findAudits(ADMIN, FindAuditByIdQuery.of(3L, 99L, 1L, 3L))))
                .containsExactly(otherLabRecord, shopRecord);
        assertThat(audits.loadedIds).containsExactly(List.of(3L, 99L, 1L));
    }

    @Test
    void givenExactlyTheMostIds_whenFinding_thenTheRecordsAmongThemAreFound() {
        List<Long> most = LongStream.rangeClosed(1, FindAuditByIdQuery.MAX_IDS).boxed().toList();

        assertThat(join(find.findAudits(ADMIN, new FindAuditByIdQuery(most))))
                .containsExactly(shopRecord, labRecord, otherLabRecord);
        assertThat(audits.loadedIds).containsExactly(most);
    }

    @Test
    void givenIdsOfNoRecord_whenFinding_thenIdIsInvalid() {
        assertThat(failureOf(() -> find.findAudits(ADMIN, FindAuditByIdQuery.of(98L, 99L))))
                .isEqualTo(new Failure.InvalidCombination("id"));
    }

    @Test
    void givenMaintainer_whenFindingRecordsOfTheirBusinessAndAnother_thenTheOtherBusinessIsNamedOnce() {
        assertThat(join(find.findAudits(ALICE, FindAuditByIdQuery.of(1L)))).containsExactly(shopRecord);
        assertThat(failureOf(() -> find.findAudits(ALICE, FindAuditByIdQuery.of(1L, 2L, 3L))))
                .isEqualTo(new Failure.PermissionMissing(List.of(Permission.onBusiness(Action.FIND_AUDIT_LOG, LAB))));
    }

    private static AuditQuery query(BusinessId business) {
        return new AuditQuery(NOW.minusSeconds(3600), null, business, "host", null, Set.of(), null,
                new PageRequest(0, 50, "operation_time", true));
    }

    private static AuditRecord record(long id, BusinessId business) {
        return AuditRecord.hostUpdate(Fixtures.ADMIN, business, aHost().withId(10 + id).inBusiness(business.value()).build(),
                Map.of("bk_comment", "x"), NOW).withId(id);
    }

    /** Audit records in a list, remembering what was asked of them. */
    private static final class AuditRecords implements SearchAuditPort, LoadAuditsPort {

        private final List<AuditRecord> records;
        private final List<AuditQuery> queries = new ArrayList<>();
        private final List<List<Long>> loadedIds = new ArrayList<>();

        AuditRecords(List<AuditRecord> records) {
            this.records = records;
        }

        @Override
        public CompletionStage<Page<AuditRecord>> searchAudit(AuditQuery query) {
            queries.add(query);
            return CompletableFuture.completedStage(new Page<>(records.size(), records));
        }

        @Override
        public CompletionStage<List<AuditRecord>> loadAudits(Collection<Long> ids) {
            loadedIds.add(List.copyOf(ids));
            return CompletableFuture.completedStage(ids.stream()
                    .flatMap(id -> records.stream().filter(record -> record.id() == id))
                    .toList());
        }
    }
}
