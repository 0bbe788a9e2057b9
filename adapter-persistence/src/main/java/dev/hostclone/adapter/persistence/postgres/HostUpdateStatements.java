package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.UniqueKey;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The statement that writes one host update, in each of its variants, and its parameters: the host at
 * its expected version, its unique keys, its audit record and the host it copies from, all in one
 * statement that writes everything or nothing.
 */
final class HostUpdateStatements {

    /**
     * Parameters $1..$4 of every update statement (host, version, changes, model revision); the audit
     * record follows, then the keys (rule ids, texts), then the host copied from and its version.
     */
    private static final int MODEL_REVISION = 4;
    private static final int AUDIT_FIRST = 5;
    /** The update's audit record takes no {@code pre_data} parameter: the statement reads it from the row. */
    private static final int KEYS_FIRST = AUDIT_FIRST + AuditRows.PARAMETERS_BUT_PRE_DATA;

    /** Every update statement, at {@link #variant}. */
    private static final List<String> UPDATES = IntStream.range(0, 4 * Copying.values().length)
            .mapToObj(i -> updateStatement((i & 1) != 0, (i & 2) != 0, Copying.values()[i >> 2])).toList();
    static final String UPDATE = UPDATES.get(variant(false, false, Copying.NONE));
    /** A clone's: {@link #UPDATE} held to its source's version, the source's id the lower. */
    static final String UPDATE_COPYING = UPDATES.get(variant(false, false, Copying.SOURCE_FIRST));
    /** A clone's whose destination's id is the lower: that row locked first. */
    static final String UPDATE_COPYING_ONTO_LOWER = UPDATES.get(variant(false, false, Copying.DESTINATION_FIRST));

    private HostUpdateStatements() {
    }

    /** The statement that writes {@code update}: with keys, returning the document, holding a source, as it needs. */
    static String statementFor(HostUpdate update) {
        boolean withKeys = update.uniqueKeys() != null;
        boolean returningDoc = movesInnerIps(update);
        HostUpdate.CopiedFrom source = update.copiedFrom();
        Copying copying = source == null ? Copying.NONE
                : source.host().value() < update.host().value() ? Copying.SOURCE_FIRST : Copying.DESTINATION_FIRST;
        return UPDATES.get(variant(withKeys, returningDoc, copying));
    }

    private static int variant(boolean withKeys, boolean returningDoc, Copying copying) {
        return (withKeys ? 1 : 0) | (returningDoc ? 2 : 0) | copying.ordinal() << 2;
    }

    /**
     * Whether an update holds a host it copies from, and which of the two rows it locks first: the one
     * with the lower id, as a batch locks its hosts ({@link LockedHostUpdates#LOCK_HOSTS}), so that no two host writes
     * wait for each other in a circle.
     */
    private enum Copying {
        NONE, SOURCE_FIRST, DESTINATION_FIRST
    }

    /** The parameters of {@link #statementFor}'s statement, in {@link #MODEL_REVISION}'s order. */
    static Tuple parameters(HostUpdate update) {
        Tuple tuple = Tuple.tuple()
                .addLong(update.host().value())
                .addLong(update.expectedVersion())
                .addString(JsonText.write(update.changes()))
                .addLong(update.modelRevision());
        AuditRows.addAllButPreDataTo(tuple, update.audit());
        if (update.uniqueKeys() != null) {
            List<UniqueKey> claimed = update.uniqueKeys().stream().sorted(KeyClaims.ORDER).toList();
            tuple.addArrayOfLong(claimed.stream().map(UniqueKey::ruleId).toArray(Long[]::new));
            tuple.addArrayOfString(claimed.stream().map(UniqueKey::text).toArray(String[]::new));
        }
        if (update.copiedFrom() != null) {
            tuple.addLong(update.copiedFrom().host().value()).addLong(update.copiedFrom().version());
        }
        return tuple;
    }

    /** Written, with the host's new version and the record's id; or stale, when the statement wrote nothing. */
    static HostWriteResult written(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return new HostWriteResult.Stale();
        }
        Row row = rows.iterator().next();
        return new HostWriteResult.Written(row.getLong("version"), row.getLong("audit_id"));
    }

    /** Whether {@code update} moves an inner address or the cloud area, which the inner-IP index must follow. */
    static boolean movesInnerIps(HostUpdate update) {
        return update.changes().containsKey(HostFields.INNER_IP) || update.changes().containsKey(HostFields.INNER_IP_V6)
                || update.changes().containsKey(HostFields.CLOUD_ID);
    }

    /**
     * The conditional write as one statement. {@code model} is empty when the host model is no longer
     * at the planned revision, and {@code updated} when that is so or the host moved on (or is gone);
     * every later part joins on {@code updated}, so then nothing at all is written. {@code model} also
     * takes the model row {@code FOR SHARE} until the statement commits, so no model change passes in
     * between. With keys, the host's key rows become exactly the given set: rows it no longer holds are
     * released and new ones claimed (the two sets are disjoint, so the parts of the one statement never
     * touch the same row); a key another host owns fails the whole statement with 23505. The audit
     * record's {@code pre_data} is the row the update replaces, read in the statement's own snapshot
     * at the expected version (so exactly that row when it is written at all), not sent: it was the
     * host's whole document, serialized by the server and parsed again by the database for every write.
     *
     * <p>Copying: {@code source} takes the host the changes were copied from {@code FOR SHARE} at the
     * version they were read at, and {@code updated} requires it, so a clone writes only while its
     * source is as it read it, and holds it so until it commits (a share lock: clones from one source
     * run side by side). The two rows are locked in id order ({@link Copying}): the source when
     * {@code updated} checks it, before the update locks the destination; or, when the destination's id
     * is the lower, the destination first ({@code destination}, which {@code source} waits for). Two
     * clones crossing (A onto B, B onto A) then queue at the lower row: the second finds its source
     * moved, is stale and is planned again on the first's result. Locked in any other order, they each
     * held the row the other wrote, and PostgreSQL aborted one after {@code deadlock_timeout}, a second.
     */
    private static String updateStatement(boolean withKeys, boolean returningDoc, Copying copying) {
        int source = withKeys ? KEYS_FIRST + 2 : KEYS_FIRST;
        StringBuilder sql = new StringBuilder()
                .append("WITH ").append(ModelRevision.sharedAt(MODEL_REVISION));
        if (copying == Copying.DESTINATION_FIRST) {
            sql.append(", destination AS (SELECT 1 FROM host WHERE bk_host_id = $1 FOR NO KEY UPDATE)");
        }
        if (copying != Copying.NONE) {
            sql.append(", source AS (SELECT 1 FROM host WHERE bk_host_id = $").append(source)
                    .append(" AND version = $").append(source + 1)
                    .append(copying == Copying.DESTINATION_FIRST ? " AND EXISTS (SELECT 1 FROM destination)" : "")
                    .append(" FOR SHARE)");
        }
        sql.append(", updated AS (UPDATE host h SET doc = h.doc || $3::text::jsonb, version = h.version + 1")
                .append(" FROM (SELECT doc AS previous_doc FROM host WHERE bk_host_id = $1 AND version = $2) p")
                .append(" WHERE h.bk_host_id = $1 AND h.version = $2 AND EXISTS (SELECT 1 FROM model)")
                .append(copying != Copying.NONE ? " AND EXISTS (SELECT 1 FROM source)" : "")
                .append(" RETURNING h.bk_host_id, h.bk_biz_id, h.version, h.doc, p.previous_doc)");
        if (withKeys) {
            int rules = KEYS_FIRST;
            int texts = KEYS_FIRST + 1;
            sql.append(", wanted_keys AS (SELECT k.rule_id, k.key_text, sha256(convert_to(k.key_text, 'UTF8')) AS key_hash,")
                    .append(" k.claim FROM unnest($").append(rules).append("::bigint[], $").append(texts)
                    .append("::text[]) WITH ORDINALITY AS k(rule_id, key_text, claim))")
                    .append(", released_keys AS (DELETE FROM host_unique_key o USING updated u")
                    .append(" WHERE o.bk_host_id = u.bk_host_id AND NOT EXISTS (SELECT 1 FROM wanted_keys w")
                    .append(" WHERE w.rule_id = o.rule_id AND w.key_hash = o.key_hash))")
                    .append(", claimed_keys AS (INSERT INTO host_unique_key (rule_id, key_hash, key_text, bk_host_id)")
                    .append(" SELECT w.rule_id, w.key_hash, w.key_text, u.bk_host_id FROM wanted_keys w CROSS JOIN updated u")
                    .append(" WHERE NOT EXISTS (SELECT 1 FROM host_unique_key o WHERE o.rule_id = w.rule_id")
                    .append(" AND o.key_hash = w.key_hash AND o.bk_host_id = u.bk_host_id) ORDER BY w.claim)");
        }
        sql.append(", audit AS (INSERT INTO audit_record (").append(AuditRows.COLUMNS).append(") SELECT ")
                .append(AuditRows.placeholders(AUDIT_FIRST, "previous_doc")).append(" FROM updated RETURNING id)")
                .append(" SELECT u.version, a.id AS audit_id").append(returningDoc ? ", u.bk_biz_id, u.doc::text AS doc" : "")
                .append(" FROM updated u CROSS JOIN audit a");
        return sql.toString();
    }
}
