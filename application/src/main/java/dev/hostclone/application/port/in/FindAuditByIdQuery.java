package dev.hostclone.application.port.in;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * find_audit_by_id's request (API.md §7): 1 to {@link #MAX_IDS} audit record ids, as BlueKing takes them: none
 * is {@code MissingField("id")}, more {@code PageLimitExceeded(200)}. An id named twice is kept once, where it
 * was first named: {@link #ids()} is the order the records are answered in.
 */
public record FindAuditByIdQuery(List<Long> ids) {

    public static final int MAX_IDS = 200;
    public static final String ID = "id";

    /** A null list or id is refused naming it. */
    public FindAuditByIdQuery {
        ids = Fields.listCopyOf(ids, "ids");
        if (ids.isEmpty()) {
            throw RejectedException.because(new Failure.MissingField(ID));
        }
        if (ids.size() > MAX_IDS) {
            throw RejectedException.because(new Failure.PageLimitExceeded(MAX_IDS));
        }
        ids = List.copyOf(new LinkedHashSet<>(ids));
    }

    public static FindAuditByIdQuery of(Long... ids) {
        return new FindAuditByIdQuery(Arrays.asList(ids)); // a null id named by the constructor, as List.of would not
    }
}
