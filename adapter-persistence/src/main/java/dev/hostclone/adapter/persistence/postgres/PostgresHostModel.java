package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.PlainJson;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The host model, read once and cached: it is read by every clone and changes rarely. A change
 * (by whichever server) increments {@code host_model_state.revision} and sends
 * {@code NOTIFY hostclone_model} in its transaction ({@link ModelRevision}); {@link #invalidate()} is
 * wired to that channel, and this server's own changes call it as soon as they commit, so a caller
 * never reads a model older than one this server just changed. A notification may still be on its
 * way when a request reaches this server right after another server's change: every host read also
 * reads the revision ({@link #observe}), and a copy older than the newest revision so seen is loaded
 * again, so a clone planned on hosts read after a change commits is planned on that change. Without
 * notifications the cached copy lives at most {@code maxAge}; while notifications are expected but
 * cannot arrive ({@code listening} false: the LISTEN connection is down and a change made meanwhile
 * would go unannounced), nothing is cached and every read loads the model.
 */
final class PostgresHostModel implements LoadHostModelPort {

    /** The channel model changes are announced on. */
    static final String CHANNEL = "hostclone_model";
    /** How long a cached host model may live when no notification can tell that it changed. */
    static final Duration MAX_AGE_WITHOUT_NOTIFICATIONS = Duration.ofSeconds(5);

    static final String ATTRIBUTES = "SELECT id, bk_property_id, bk_property_name, bk_property_name_en,"
            + " bk_property_group, bk_property_type, option, editable, builtin, bk_issystem, bk_isapi, isreadonly,"
            + " bk_biz_id, unit, placeholder, creator, create_time, description, bk_property_index, default_value"
            + " FROM host_attribute ORDER BY id";
    static final String RULES =
            "SELECT id, key_attribute_ids, builtin, static_addressing_only, last_time FROM host_unique_rule ORDER BY id";

    private final TimedPool pool;
    private final Duration maxAge;
    private final BooleanSupplier listening;
    private final LongSupplier nanoTime;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    /** Raised by every invalidation; a copy whose load began before the last one is never served. */
    private final AtomicLong generation = new AtomicLong();
    /** The newest revision a host read saw since the last invalidation; an older copy is not served. */
    private final AtomicLong newestSeen = new AtomicLong();

    /** {@code maxAge} null: keep the copy until {@link #invalidate()}. */
    PostgresHostModel(TimedPool pool, Duration maxAge, BooleanSupplier listening, LongSupplier nanoTime) {
        this.pool = pool;
        this.maxAge = maxAge;
        this.listening = listening;
        this.nanoTime = nanoTime;
    }

    @Override
    public CompletionStage<HostModel> loadHostModel() {
        long wanted = newestSeen.get();
        return current()
                .compose(model -> model.revision() >= wanted ? Future.succeededFuture(model) : reloaded())
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load the host model", failure)))
                .toCompletionStage();
    }

    /**
     * The model as of every change committed before the call: the revision read first (a short read
     * by key, on the shared connection when others are in flight), then {@link #loadHostModel}, which
     * loads the model again when its copy is older. A request that reads no host had only the
     * notification to learn of another server's change, and one still on its way left it refusing a
     * host for an attribute just created there ("no such attribute in the model").
     */
    CompletionStage<HostModel> loadCurrentHostModel() {
        return pool.keyedRead(ModelRevision.CURRENT, Tuple.tuple())
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load the host model", failure)))
                .toCompletionStage()
                .thenCompose(rows -> {
                    observe(ModelRevision.revision(rows));
                    return loadHostModel();
                });
    }

    /**
     * Drops the cached copy; the next read loads the model again. A load already under way when this
     * is called may have read the model before the change: it is not kept either.
     */
    void invalidate() {
        generation.incrementAndGet();
        // every copy loaded from now on is at least as new as any revision seen so far
        newestSeen.set(0);
        cached.set(null);
    }

    /** A revision just read from the database: until the next invalidation, no older copy is served. */
    void observe(long revision) {
        newestSeen.accumulateAndGet(revision, Math::max);
    }

    /**
     * The model at the revision {@code lock} read, {@link ModelRevision#SHARE} on {@code connection}, whose
     * transaction so holds it that no change can commit before it ends: the cached copy when it is at that
     * revision, else the attributes and rules read on that connection, in one round trip. A host write
     * planned on it cannot be stale for the model's sake, where one planned on a model read before its
     * locks met, under a steady stream of changes, a newer revision at nearly every attempt. The revision
     * is {@link #observe observed}, as a host read's is, so the next request's model is no older; what is
     * read here is not cached, as observing it already keeps older copies from being served.
     */
    Future<HostModel> heldAt(RowSet<Row> lock, SqlConnection connection) {
        long revision = ModelRevision.revision(lock);
        observe(revision);
        Cached copy = cached.get();
        if (copy != null && copy.model().succeeded() && copy.model().result().revision() == revision) {
            return copy.model();
        }
        Future<RowSet<Row>> attributes = connection.preparedQuery(ATTRIBUTES).execute();
        Future<RowSet<Row>> rules = connection.preparedQuery(RULES).execute();
        return Future.all(attributes, rules).map(both -> new HostModel(
                attributes(attributes.result()), rules(rules.result()), revision));
    }

    /** The model read again: the cached copy is older than a revision a host read saw. */
    private Future<HostModel> reloaded() {
        invalidate();
        return current();
    }

    private Future<HostModel> current() {
        if (!listening.getAsBoolean()) {
            invalidate();
            return load();
        }
        while (true) {
            Cached copy = cached.get();
            if (copy != null && copy.generation() == generation.get()
                    && (maxAge == null || nanoTime.getAsLong() - copy.loadedAt() < maxAge.toNanos())) {
                return copy.model();
            }
            // read the generation before the load is sent: an invalidation after it outdates this copy
            long loadedIn = generation.get();
            Cached loading = new Cached(load(), nanoTime.getAsLong(), loadedIn);
            if (cached.compareAndSet(copy, loading)) {
                // a failed load is not kept: the next read tries again
                loading.model().onFailure(failure -> cached.compareAndSet(loading, null));
                return loading.model();
            }
        }
    }

    /**
     * Three queries on one connection, pipelined: one round trip. Each sees its own snapshot, so the
     * revision is read first: a change committing in between leaves a copy labelled older than its
     * content, which writes then find stale, never one labelled newer than its content.
     */
    private Future<HostModel> load() {
        return pool.withConnection(connection -> {
            Future<RowSet<Row>> revision = connection.preparedQuery(ModelRevision.CURRENT).execute();
            Future<RowSet<Row>> attributes = connection.preparedQuery(ATTRIBUTES).execute();
            Future<RowSet<Row>> rules = connection.preparedQuery(RULES).execute();
            return Future.all(attributes, rules, revision).map(all -> new HostModel(
                    attributes(attributes.result()), rules(rules.result()),
                    revision.result().iterator().next().getLong("revision")));
        });
    }

    static List<Attribute> attributes(RowSet<Row> rows) {
        List<Attribute> attributes = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String type = row.getString("bk_property_type");
            Long business = row.getLong("bk_biz_id");
            attributes.add(new Attribute(
                    row.getLong("id"),
                    row.getString("bk_property_id"),
                    row.getString("bk_property_name"),
                    row.getString("bk_property_name_en"),
                    row.getString("bk_property_group"),
                    AttributeType.fromWire(type)
                            .orElseThrow(() -> new IllegalStateException("unknown attribute type in the store: " + type)),
                    PlainJson.of(row.getValue("option")),
                    row.getBoolean("editable"),
                    row.getBoolean("builtin"),
                    row.getBoolean("bk_issystem"),
                    row.getBoolean("bk_isapi"),
                    row.getBoolean("isreadonly"),
                    business == null ? null : BusinessId.of(business),
                    row.getString("unit"),
                    row.getString("placeholder"),
                    row.getString("creator"),
                    row.getOffsetDateTime("create_time").toInstant(),
                    row.getString("description"),
                    row.getLong("bk_property_index"),
                    PlainJson.of(row.getValue("default_value"))));
        }
        return attributes;
    }

    static List<UniqueRule> rules(RowSet<Row> rows) {
        List<UniqueRule> rules = new ArrayList<>(rows.size());
        for (Row row : rows) {
            rules.add(new UniqueRule(row.getLong("id"), Arrays.asList(row.getArrayOfLongs("key_attribute_ids")),
                    row.getBoolean("builtin"), row.getBoolean("static_addressing_only"),
                    row.getOffsetDateTime("last_time").toInstant()));
        }
        return rules;
    }

    private record Cached(Future<HostModel> model, long loadedAt, long generation) {
    }
}
