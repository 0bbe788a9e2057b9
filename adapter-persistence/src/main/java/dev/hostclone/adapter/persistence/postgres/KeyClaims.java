package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.BatchKeys.Claim;
import dev.hostclone.domain.model.UniqueKey;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How host writes claim rows of {@code host_unique_key}, whose primary key refuses a second owner: in
 * one order ({@link #ORDER}), and, when a claim is refused, which key it was, named as the memory store
 * names it ({@link #withCollisionsNamed}).
 */
final class KeyClaims {

    /**
     * The order every write claims key rows in, whatever order its hosts and values came in: two writes
     * claiming the same keys then meet at the first they share, where one waits for the other, instead of
     * each holding a key the other waits for. That deadlock PostgreSQL found only after its
     * {@code deadlock_timeout} (a second by default) and broke by rolling one back, a stale write retried.
     * A batch of updates still claims host by host in input order, each host's keys in this order, the order
     * the ports keep them in, in which a refused claim is named as on the memory store.
     */
    static final Comparator<UniqueKey> ORDER = UniqueKey.ORDER;

    private static final String KEY_CONSTRAINT = "host_unique_key_pkey";
    /** How often in all a write is tried whose collision vanished before it could be named. */
    static final int MAX_ATTEMPTS = 3;
    private static final String KEY_OWNERS = "SELECT o.key_text, o.bk_host_id FROM host_unique_key o"
            + " JOIN unnest($1::bigint[], $2::text[]) AS k(rule_id, key_text)"
            + " ON o.rule_id = k.rule_id AND o.key_hash = sha256(convert_to(k.key_text, 'UTF8'))";

    private final TimedPool pool;

    KeyClaims(TimedPool pool) {
        this.pool = pool;
    }

    /**
     * Runs a write; when the key table refuses it, names the colliding key as the memory store
     * would: the first key, in claim order, that another host held before the write and had not
     * released earlier in the same batch. If no such key is left (its owner let go meanwhile), the
     * write, which changed nothing, is simply tried again, up to {@link #MAX_ATTEMPTS} times in all, and then
     * answered {@code stale}: its caller reads again and plans anew, as after any write that met another's.
     * Until 2026-12-07 the third such refusal was PostgreSQL's bare 23505, which a server answered 500.
     */
    <T> Future<T> withCollisionsNamed(Supplier<Future<T>> write, Supplier<List<Claim>> claimsWritten, T stale) {
        return withCollisionsNamed(write, claimsWritten, stale, 1);
    }

    private <T> Future<T> withCollisionsNamed(Supplier<Future<T>> write, Supplier<List<Claim>> claimsWritten, T stale,
                                              int attempt) {
        return write.get().recover(failure -> {
            if (!isKeyCollision(failure)) {
                return Future.failedFuture(failure);
            }
            List<Claim> claims = claimsWritten.get();
            return ownersOf(claims).compose(owners -> {
                Map<Long, Set<String>> heldAfterEarlierWrites = new HashMap<>();
                for (Claim claim : claims) {
                    long host = claim.host().value();
                    for (UniqueKey key : claim.keys()) {
                        Long owner = owners.get(key.text());
                        Set<String> ownerNowHolds = owner == null ? null : heldAfterEarlierWrites.get(owner);
                        boolean released = ownerNowHolds != null && !ownerNowHolds.contains(key.text());
                        if (owner != null && owner != host && !released) {
                            return Future.failedFuture(RejectedException.because(
                                    new Failure.Duplicated(key.fields(), key.values())));
                        }
                    }
                    heldAfterEarlierWrites.put(host, texts(claim.keys()));
                }
                if (attempt >= MAX_ATTEMPTS) {
                    return Future.succeededFuture(stale);
                }
                return withCollisionsNamed(write, claimsWritten, stale, attempt + 1);
            });
        });
    }

    private Future<Map<String, Long>> ownersOf(List<Claim> claims) {
        List<Long> rules = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        claims.forEach(claim -> claim.keys().forEach(key -> {
            rules.add(key.ruleId());
            texts.add(key.text());
        }));
        Tuple parameters = Tuple.tuple().addArrayOfLong(rules.toArray(Long[]::new)).addArrayOfString(texts.toArray(String[]::new));
        return pool.execute(KEY_OWNERS, parameters)
                .map(rows -> {
                    Map<String, Long> owners = new HashMap<>();
                    rows.forEach(row -> owners.put(row.getString("key_text"), row.getLong("bk_host_id")));
                    return owners;
                });
    }

    /** The claims of the updates that set keys, in input order. */
    static List<Claim> of(List<HostUpdate> updates) {
        return updates.stream()
                .filter(update -> update.uniqueKeys() != null)
                .map(update -> new Claim(update.host(), update.uniqueKeys()))
                .toList();
    }

    private static Set<String> texts(Collection<UniqueKey> keys) {
        Set<String> texts = new LinkedHashSet<>();
        keys.forEach(key -> texts.add(key.text()));
        return texts;
    }

    private static boolean isKeyCollision(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && KEY_CONSTRAINT.equals(pg.getConstraint());
    }
}
