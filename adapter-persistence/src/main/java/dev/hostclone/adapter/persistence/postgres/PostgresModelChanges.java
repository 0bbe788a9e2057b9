package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeClashes;
import dev.hostclone.domain.model.NewRuleKeys;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueKeys;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.model.UniqueRuleDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Changes to the host model in PostgreSQL. Each is one transaction that first locks the model's table
 * (so it waits for host writes in flight and holds off new ones, see {@link ModelRevision}), changes attributes or rules, raises the revision and sends
 * {@code NOTIFY hostclone_model}; once it ends, this server's cached model is dropped at once,
 * without waiting for its own notification.
 */
final class PostgresModelChanges implements ChangeHostModelPort {

    private static final String INSERT_ATTRIBUTE = "INSERT INTO host_attribute (bk_property_id, bk_property_name,"
            + " bk_property_name_en, bk_property_group, bk_property_type, option, editable, builtin, bk_issystem,"
            + " bk_isapi, isreadonly, bk_biz_id, unit, placeholder, creator, create_time, description, bk_property_index,"
            + " default_value) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
            + " $17, $18, $19::text::jsonb) RETURNING id";
    private static final String INSERT_RULE = "INSERT INTO host_unique_rule (key_attribute_ids, builtin, static_addressing_only,"
            + " last_time) VALUES ($1::bigint[], $2, $3, $4) RETURNING id";
    private static final String DELETE_RULE = "WITH deleted AS (DELETE FROM host_unique_rule WHERE id = $1 RETURNING id),"
            + " released AS (DELETE FROM host_unique_key WHERE rule_id IN (SELECT id FROM deleted))"
            + " SELECT id FROM deleted";

    private final TimedPool pool;
    private final PostgresHostModel model;

    /**
     * What a unique rule's creation or deletion may take once it holds the model's lock: every host read and
     * a key written for each, or every key of the rule deleted. Under the store's timeout alone (5 s by default)
     * a rule could not be created past about 360,000 hosts on a 2-core machine (the read alone 5.3 s at
     * 400,000 hosts, 1.4 s at 100,000), and every try failed the same way after holding up every host write
     * for that long. The lock itself is still waited for within the store's timeout.
     */
    static final Duration EVERY_HOST_TIMEOUT = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final String everyHostTimeout;

    PostgresModelChanges(Vertx vertx, TimedPool pool, PostgresHostModel model, Duration storeTimeout) {
        this.vertx = vertx;
        this.pool = pool;
        this.model = model;
        long millis = Math.max(storeTimeout.toMillis(), EVERY_HOST_TIMEOUT.toMillis());
        // idle too while a worker computes every host's keys, and never less than any transaction may
        this.everyHostTimeout = "SET LOCAL statement_timeout = " + millis + "; SET LOCAL idle_in_transaction_session_timeout = "
                + Math.max(millis, PostgresConnections.idleInTransactionMillis(storeTimeout));
    }

    /**
     * Three round trips: BEGIN, the lock and the attributes as they are; the clash check
     * ({@link AttributeClashes}), which the lock keeps true until commit; the insert and the revision,
     * then COMMIT.
     */
    @Override
    public CompletionStage<Attribute> createAttribute(Attribute attribute) {
        return change("create an attribute", connection -> {
            Future<RowSet<Row>> locked = connection.query(ModelRevision.LOCK).execute();
            Future<RowSet<Row>> attributes = connection.preparedQuery(PostgresHostModel.ATTRIBUTES).execute();
            return Transactions.allInOrder(List.of(locked, attributes)).compose(read -> {
                AttributeClashes.requireNone(PostgresHostModel.attributes(attributes.result()), attribute);
                Future<RowSet<Row>> inserted = connection.preparedQuery(INSERT_ATTRIBUTE).execute(attributeRow(attribute));
                Future<RowSet<Row>> bumped = ModelRevision.bump(connection);
                return Transactions.allInOrder(List.of(inserted, bumped))
                        .map(done -> attribute.withId(inserted.result().iterator().next().getLong("id")));
            });
        }, stored -> true);
    }

    /**
     * Every host with only the fields its keys under a new rule are computed from: the rule's key
     * attributes ({@code $1}, by id) and {@link UniqueKeys#FIELDS_READ_BESIDES_KEYS} ({@code $2}). The
     * whole documents, some kilobytes a host, filled the heap: 100,000 hosts were an OutOfMemoryError
     * at the server's documented 256 MB, a rule's key fields a few dozen bytes.
     */
    static final String LOAD_KEY_FIELDS = "WITH wanted AS (SELECT coalesce(array_agg(bk_property_id), '{}') || $2::text[]"
            + " AS names FROM host_attribute WHERE id = ANY($1::bigint[]))"
            + " SELECT h.bk_host_id, h.bk_biz_id, h.version, (SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)"
            + " FROM jsonb_each(h.doc) e, wanted w WHERE e.key = ANY(w.names))::text AS doc FROM host h ORDER BY h.bk_host_id";

    /**
     * Three round trips: BEGIN, the lock, {@link #EVERY_HOST_TIMEOUT}, the rules as they are, the rule and every
     * host as it is, with the fields its keys are computed from ({@link #LOAD_KEY_FIELDS}); the overlap check
     * against those rules ({@link UniqueRuleDefinition#requireNoOverlap}: the rule was planned on a model that
     * may be older), the keys of every host under the new rule ({@link NewRuleKeys}: refused, and all rolled
     * back, when two hosts share one; computed on a worker thread, as they hold an event loop for as long as
     * the hosts take) and the revision, then COMMIT. The lock keeps the rules and every host as they were read
     * until the keys are in.
     */
    @Override
    public CompletionStage<UniqueRule> createUniqueRule(UniqueRule rule, Function<Host, Collection<UniqueKey>> keysOf) {
        return change("create a unique rule", connection -> {
            Future<RowSet<Row>> locked = connection.query(ModelRevision.LOCK).execute();
            Future<RowSet<Row>> patient = connection.query(everyHostTimeout).execute();
            Future<RowSet<Row>> rules = connection.preparedQuery(PostgresHostModel.RULES).execute();
            Future<RowSet<Row>> inserted = connection.preparedQuery(INSERT_RULE).execute(Tuple.tuple()
                    .addArrayOfLong(rule.keyAttributeIds().toArray(Long[]::new))
                    .addBoolean(rule.builtIn())
                    .addBoolean(rule.staticAddressingOnly())
                    .addOffsetDateTime(rule.lastTime().atOffset(ZoneOffset.UTC)));
            Future<RowSet<Row>> hosts = connection.preparedQuery(LOAD_KEY_FIELDS).execute(Tuple.tuple()
                    .addArrayOfLong(rule.keyAttributeIds().toArray(Long[]::new))
                    .addArrayOfString(UniqueKeys.FIELDS_READ_BESIDES_KEYS.toArray(String[]::new)));
            return Transactions.allInOrder(List.of(locked, patient, rules, inserted, hosts)).compose(read -> {
                UniqueRuleDefinition.requireNoOverlap(PostgresHostModel.rules(rules.result()), rule);
                UniqueRule stored = rule.withId(inserted.result().iterator().next().getLong("id"));
                // off the event loop: every host's document parsed and keyed, seconds of CPU at 400,000 hosts
                return vertx.executeBlocking(() -> keyRows(NewRuleKeys.of(HostRows.hosts(hosts.result()), keysOf,
                        stored.id())), false).compose(rows -> {
                            Future<?> keyed = rows.isEmpty() ? Future.succeededFuture()
                                    : connection.preparedQuery(PostgresHosts.INSERT_KEY).executeBatch(rows);
                            Future<RowSet<Row>> bumped = ModelRevision.bump(connection);
                            return Transactions.allInOrder(List.of(keyed, bumped)).map(stored);
                        });
            });
        }, stored -> true);
    }

    /** One row of {@link PostgresHosts#INSERT_KEY} for each key of each host. */
    private static List<Tuple> keyRows(Map<HostId, Set<UniqueKey>> keys) {
        List<Tuple> rows = new ArrayList<>();
        keys.forEach((host, held) -> held.forEach(key -> rows.add(Tuple.of(key.ruleId(), key.text(), host.value()))));
        return rows;
    }

    /** Three round trips: BEGIN, the lock, the rule and its keys; the revision (only if the rule existed); COMMIT. */
    @Override
    public CompletionStage<Boolean> deleteUniqueRule(long ruleId) {
        return change("delete a unique rule", connection -> {
            Future<RowSet<Row>> locked = connection.query(ModelRevision.LOCK).execute();
            Future<RowSet<Row>> patient = connection.query(everyHostTimeout).execute();
            Future<RowSet<Row>> deleted = connection.preparedQuery(DELETE_RULE).execute(Tuple.of(ruleId));
            return Transactions.allInOrder(List.of(locked, patient, deleted)).compose(done -> {
                if (deleted.result().size() == 0) {
                    return Future.succeededFuture(false);
                }
                return ModelRevision.bump(connection).map(true);
            });
        }, Boolean::booleanValue);
    }

    /** Runs a model change in a transaction and drops the cached model when it ends, committed or not. */
    private <T> CompletionStage<T> change(String operation, Function<SqlConnection, Future<T>> work, Predicate<T> commitIf) {
        return Transactions.run(pool, work, commitIf)
                .onComplete(ended -> model.invalidate())
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap(operation, failure)))
                .toCompletionStage();
    }

    private static Tuple attributeRow(Attribute attribute) {
        return Tuple.tuple()
                .addString(attribute.propertyId())
                .addString(attribute.name())
                .addString(attribute.nameEn())
                .addString(attribute.group())
                .addString(attribute.type().wireName())
                .addString(attribute.option() == null ? null : JsonText.writeValue(attribute.option()))
                .addBoolean(attribute.editable())
                .addBoolean(attribute.builtIn())
                .addBoolean(attribute.system())
                .addBoolean(attribute.api())
                .addBoolean(attribute.readonly())
                .addLong(attribute.business() == null ? null : attribute.business().value())
                .addString(attribute.unit())
                .addString(attribute.placeholder())
                .addString(attribute.creator())
                .addOffsetDateTime(attribute.createdAt().atOffset(ZoneOffset.UTC))
                .addString(attribute.description())
                .addLong(attribute.index())
                .addString(attribute.defaultValue() == null ? null : JsonText.writeValue(attribute.defaultValue()));
    }
}
