package dev.hostclone.adapter.persistence;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.HostBuilder.updateOf;
import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * list_operation_audit and find_audit_by_id, in every store: an inclusive time range open at either
 * end, equality filters, the count of every match, pages by time or id in either direction.
 */
public interface AuditSearchContract<S extends CreateHostsPort & UpdateHostPort & SearchAuditPort & LoadAuditsPort> {

    Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    PageRequest NEWEST_FIRST = new PageRequest(0, AuditQuery.MAX_LIMIT, "operation_time", true);

    S store();

    /**
     * Deletes up to {@code limit} of the oldest records written before {@code cutoff} (an operator's retention,
     * no port of the application's): {@code PostgresStore.deleteAuditRecordsBefore}, {@code MemoryStore.forgetAuditRecordsBefore}.
     */
    CompletionStage<Integer> deleteAuditRecordsBefore(Instant cutoff, int limit);

    @Test
    default void givenRecords_whenSearchingATimeRange_thenBothEndsAreIncludedAndEitherMayBeOpen() {
        List<Long> ids = writeFiveRecords();

        assertThat(search(T0.plusSeconds(1), T0.plusSeconds(3), null, null, null, Set.of(), null))
                .isEqualTo(ids(ids, 3, 2, 1));
        assertThat(search(T0.plusSeconds(3), null, null, null, null, Set.of(), null)).isEqualTo(ids(ids, 4, 3));
        assertThat(search(null, T0.plusSeconds(1), null, null, null, Set.of(), null)).isEqualTo(ids(ids, 1, 0));
        assertThat(search(T0.plusSeconds(5), null, null, null, null, Set.of(), null)).isEmpty();
    }

    @Test
    default void givenRecords_whenFilteringByEachField_thenOnlyEqualRecordsMatch() {
        List<Long> ids = writeFiveRecords();
        long hostA = await(store().loadAudits(List.of(ids.get(0)))).get(0).resourceId();

        assertThat(search(T0, null, BusinessId.of(1), null, null, Set.of(), null)).isEqualTo(ids(ids, 4, 2, 0));
        assertThat(search(T0, null, null, AuditRecord.HOST, hostA, Set.of(), null)).isEqualTo(ids(ids, 4, 2, 0));
        assertThat(search(T0, null, null, "biz", null, Set.of(), null)).isEmpty();
        assertThat(search(T0, null, null, null, null, Set.of(AuditAction.UPDATE), null)).isEqualTo(ids(ids, 4, 3, 2));
        assertThat(search(T0, null, null, null, null, Set.of(AuditAction.CREATE, AuditAction.DELETE), null))
                .isEqualTo(ids(ids, 1, 0));
        // BlueKing's actions that HostClone never records find nothing, alone or beside one it does
        assertThat(search(T0, null, null, null, null, Set.of(AuditAction.ASSIGN_HOST, AuditAction.RECOVER), null))
                .isEmpty();
        assertThat(search(T0, null, null, null, null, Set.of(AuditAction.STOP, AuditAction.RESUME), null)).isEmpty();
        assertThat(search(T0, null, null, null, null,
                Set.of(AuditAction.TRANSFER_HOST_MODULE, AuditAction.UPDATE), null)).isEqualTo(ids(ids, 4, 3, 2));
        assertThat(search(T0, null, null, null, null, Set.of(), "alice")).isEqualTo(ids(ids, 4, 2));
        assertThat(search(T0, null, BusinessId.of(2), null, null, Set.of(AuditAction.UPDATE), "bob")).isEqualTo(ids(ids, 3));
    }

    /**
     * The HTTP adapter makes an end bound the last instant of the second it names; stored finer than a
     * second, a record on the next whole second stays out, in every store (PostgreSQL keeps microseconds).
     */
    @Test
    default void givenRecordsOnWholeSeconds_whenTheEndIsTheLastInstantOfASecond_thenTheNextSecondsRecordIsOut() {
        List<Long> ids = writeFiveRecords();

        assertThat(search(null, T0.plusSeconds(2).minusNanos(1), null, null, null, Set.of(), null)).isEqualTo(ids(ids, 1, 0));
        assertThat(search(null, T0.plusSeconds(2), null, null, null, Set.of(), null)).isEqualTo(ids(ids, 2, 1, 0));
    }

    @Test
    default void givenRecords_whenFilteringByTypeOriginAndResourceName_thenOnlyMatchingRecordsMatch() {
        List<Long> ids = writeFiveRecords();

        assertThat(searchBy(Set.of(AuditRecord.HOST), null, null, false)).isEqualTo(ids(ids, 4, 3, 2, 1, 0));
        assertThat(searchBy(Set.of("business"), null, null, false)).isEmpty();
        assertThat(searchBy(Set.of(), null, null, false)).as("no type at all").isEmpty();
        assertThat(searchBy(null, AuditRecord.FROM_USER, null, false)).isEqualTo(ids(ids, 4, 3, 2, 1, 0));
        assertThat(searchBy(null, "api", null, false)).isEmpty();
        assertThat(searchBy(null, null, "10.30.0.1", false)).isEqualTo(ids(ids, 4, 2, 0));
        assertThat(searchBy(null, null, "30.0.2", false)).as("equal, not found in").isEmpty();
        assertThat(searchBy(null, null, "30.0.2", true)).isEqualTo(ids(ids, 3, 1));
        assertThat(searchBy(null, null, "10.30.0.", true)).isEqualTo(ids(ids, 4, 3, 2, 1, 0));
        assertThat(searchBy(null, null, "10.30.0._", true)).as("LIKE's wildcards are themselves").isEmpty();
        assertThat(searchBy(null, null, "10%1", true)).as("LIKE's wildcards are themselves").isEmpty();
        assertThat(searchBy(Set.of(AuditRecord.HOST), AuditRecord.FROM_USER, "10.30.0.2", false)).isEqualTo(ids(ids, 3, 1));
    }

    /**
     * Each letter folds to its simple lower case, as PostgreSQL's lower() under C.UTF-8: a final Σ is σ, İ is i.
     * The stores keep a resource name as written (HostClone's are inner IPs), so a host's will do.
     */
    @Test
    default void givenAGreekAndTurkishResourceName_whenFilteringFuzzily_thenEachLetterFoldsToItsSimpleLowerCase() {
        List<Long> ids = created(aHost().inBusiness(1).withInnerIp("ΟΔΟΣ-İSTANBUL").createdAt(T0).build());

        assertThat(searchBy(null, null, "οδοσ", true)).isEqualTo(ids);
        assertThat(searchBy(null, null, "σ", true)).isEqualTo(ids);
        assertThat(searchBy(null, null, "ς", true)).as("the final Σ folds to σ, not ς").isEmpty();
        assertThat(searchBy(null, null, "-ist", true)).isEqualTo(ids);
        assertThat(searchBy(null, null, "İs", true)).isEqualTo(ids);
    }

    @Test
    default void givenRecords_whenPaging_thenTheCountIsEveryMatchAndPagesFollowTheSort() {
        List<Long> ids = writeFiveRecords();

        Page<AuditRecord> middle = page(1, 2, "operation_time", true);
        assertThat(middle.count()).isEqualTo(5);
        assertThat(middle.info()).extracting(AuditRecord::id).isEqualTo(ids(ids, 3, 2));
        assertThat(page(0, 10, "operation_time", false).info()).extracting(AuditRecord::id).isEqualTo(ids);
        assertThat(page(3, 10, "id", false).info()).extracting(AuditRecord::id).isEqualTo(ids(ids, 3, 4));
        assertThat(page(0, 2, "id", true).info()).extracting(AuditRecord::id).isEqualTo(ids(ids, 4, 3));
        assertThat(page(5, 2, "id", true)).isEqualTo(new Page<AuditRecord>(5, List.of()));
    }

    /** The query says which fields sort, and refuses any other; a store without an order for one fails the search. */
    @Test
    default void givenEachFieldTheQuerySorts_whenSearchingRecordsByIt_thenTheStoreHasAnOrderForIt() {
        writeFiveRecords();

        for (String field : AuditQuery.SORTABLE) {
            assertThat(page(0, 10, field, true).count()).as(field).isEqualTo(5);
        }
    }

    @Test
    default void givenRecords_whenLoadingByIds_thenInTheOrderAskedMissingOnesSkipped() {
        List<Long> ids = writeFiveRecords();

        List<AuditRecord> loaded = await(store().loadAudits(List.of(ids.get(4), 999_999L, ids.get(0), ids.get(4))));

        assertThat(loaded).extracting(AuditRecord::id).containsExactly(ids.get(4), ids.get(0));
        AuditRecord update = loaded.get(0);
        assertThat(update.action()).isEqualTo(AuditAction.UPDATE);
        assertThat(update.user()).isEqualTo("alice");
        assertThat(update.operationTime()).isEqualTo(T0.plusSeconds(4));
        assertThat(update.updateFields()).isEqualTo(Map.of("bk_comment", "second"));
        assertThat(await(store().loadAudits(List.of()))).isEmpty();
    }

    @Test
    default void givenRecords_whenThoseOlderThanACutoffAreDeletedInBatches_thenTheOldestGoFirstAndTheRestAreFoundAsBefore() {
        List<Long> ids = writeFiveRecords();
        Instant cutoff = T0.plusSeconds(3);

        int first = await(deleteAuditRecordsBefore(cutoff, 2));
        int second = await(deleteAuditRecordsBefore(cutoff, 2));
        int third = await(deleteAuditRecordsBefore(cutoff, 2));

        // the record written at the cutoff is not older: kept
        assertThat(List.of(first, second, third)).containsExactly(2, 1, 0);
        assertThat(search(T0, null, null, null, null, Set.of(), null)).isEqualTo(ids(ids, 4, 3));
        assertThat(search(T0, null, null, null, null, Set.of(), "alice")).isEqualTo(ids(ids, 4));
        assertThat(await(store().loadAudits(ids))).extracting(AuditRecord::id).containsExactly(ids.get(3), ids.get(4));
    }

    /**
     * Five records, one second apart from {@link #T0}: host A (business 1) and host B (business 2)
     * created by admin, then A updated by alice, B by bob, A by alice. Their ids, oldest first.
     */
    private List<Long> writeFiveRecords() {
        Host hostA = aHost().inBusiness(1).withInnerIp("10.30.0.1").createdAt(T0).build();
        Host hostB = aHost().inBusiness(2).withInnerIp("10.30.0.2").createdAt(T0.plusSeconds(1)).build();
        List<Long> ids = new ArrayList<>();
        ids.addAll(created(hostA));
        ids.addAll(created(hostB));
        Actor alice = new Actor("test-app", "alice", "rid-alice");
        Actor bob = new Actor("test-app", "bob", "rid-bob");
        Host hostANow = hostA;
        HostUpdate first = updateOf(hostANow, Map.of("bk_comment", "first"), HostBuilder.MODEL, alice, T0.plusSeconds(2), false);
        ids.add(updated(first));
        hostANow = hostANow.with(first.changes());
        ids.add(updated(updateOf(hostB, Map.of("bk_comment", "b"), HostBuilder.MODEL, bob, T0.plusSeconds(3), false)));
        ids.add(updated(updateOf(hostANow, Map.of("bk_comment", "second"), HostBuilder.MODEL, alice, T0.plusSeconds(4), false)));
        return ids;
    }

    private List<Long> created(Host host) {
        HostsWriteResult result = await(store().createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        return ((HostsWriteResult.AllWritten) result).auditIds();
    }

    private long updated(HostUpdate update) {
        return ((HostWriteResult.Written) await(store().updateHost(update))).auditId();
    }

    private List<Long> search(Instant from, Instant to, BusinessId business, String resourceType, Long resourceId,
                              Set<AuditAction> actions, String user) {
        Page<AuditRecord> page = await(store().searchAudit(query(from, to, business, resourceType, resourceId, actions, user,
                NEWEST_FIRST)));
        assertThat(page.count()).isEqualTo(page.info().size());
        return page.info().stream().map(AuditRecord::id).toList();
    }

    private List<Long> searchBy(Set<String> auditTypes, String operateFrom, String resourceName, boolean fuzzy) {
        Page<AuditRecord> page = await(store().searchAudit(new AuditQuery(T0, null, null, null, null, Set.of(), null,
                auditTypes, operateFrom, resourceName, fuzzy, NEWEST_FIRST)));
        assertThat(page.count()).isEqualTo(page.info().size());
        return page.info().stream().map(AuditRecord::id).toList();
    }

    private Page<AuditRecord> page(int start, int limit, String sort, boolean descending) {
        return await(store().searchAudit(query(T0, null, null, null, null, Set.of(), null,
                new PageRequest(start, limit, sort, descending))));
    }

    private static AuditQuery query(Instant from, Instant to, BusinessId business, String resourceType, Long resourceId,
                                    Set<AuditAction> actions, String user, PageRequest page) {
        return new AuditQuery(from, to, business, resourceType, resourceId, actions, user, page);
    }

    /** The ids at these positions of {@code ids}, in the order given. */
    private static List<Long> ids(List<Long> ids, int... positions) {
        List<Long> picked = new ArrayList<>();
        for (int position : positions) {
            picked.add(ids.get(position));
        }
        return picked;
    }
}
