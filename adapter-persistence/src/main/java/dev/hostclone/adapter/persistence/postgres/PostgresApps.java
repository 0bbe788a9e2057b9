package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.RemoveAppsPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.domain.access.AppAuthentication;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Apps and their salted secret hashes in PostgreSQL, registered by the hash (the caller hashes).
 * Checking a secret is deliberately slow (PBKDF2), so it runs off the event loop, as
 * {@link SecretChecks} bounds it; a secret already proven against its stored hash is checked on the
 * spot. Every request is authenticated, so the stored hash is kept for
 * {@link #STORED_HASH_TTL}: a secret changed by another server sharing the database is noticed that
 * much later, and no request pays a round trip for it.
 */
final class PostgresApps implements VerifyAppSecretPort, RegisterAppPort, RemoveAppsPort {

    private static final String UPSERT = "INSERT INTO app (app_code, secret_hash) VALUES ($1, $2)"
            + " ON CONFLICT (app_code) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, updated_at = now()";
    private static final String INSERT_IF_ABSENT = "INSERT INTO app (app_code, secret_hash) VALUES ($1, $2)"
            + " ON CONFLICT (app_code) DO NOTHING";
    private static final String REMOVE_OTHERS = "DELETE FROM app WHERE app_code <> ALL($1) RETURNING app_code";
    private static final String REMOVE_HOLDING = "DELETE FROM app WHERE app_code = $1 AND secret_hash = $2";
    private static final String LOAD = "SELECT secret_hash FROM app WHERE app_code = $1";

    static final Duration STORED_HASH_TTL = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final TimedPool pool;
    private final LongSupplier nanoTime;
    private final Map<String, StoredHash> storedHashes = new ConcurrentHashMap<>();
    private final SecretChecks secretChecks;

    PostgresApps(Vertx vertx, TimedPool pool, LongSupplier nanoTime, SecretChecks secretChecks) {
        this.vertx = vertx;
        this.pool = pool;
        this.nanoTime = nanoTime;
        this.secretChecks = secretChecks;
    }

    @Override
    public CompletionStage<Void> registerApp(String appCode, String secretHash) {
        if (!SecretHashing.isHash(secretHash)) {
            return CompletableFuture.failedStage(SecretHashing.notAHash());
        }
        return pool.execute(UPSERT, Tuple.of(appCode, secretHash))
                .onSuccess(written -> storedHashes.remove(appCode))
                .<Void>mapEmpty()
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("register an app", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> registerAppIfAbsent(String appCode, String secretHash) {
        if (!SecretHashing.isHash(secretHash)) {
            return CompletableFuture.failedStage(SecretHashing.notAHash());
        }
        return pool.execute(INSERT_IF_ABSENT, Tuple.of(appCode, secretHash))
                .map(written -> written.rowCount() == 1)
                .onSuccess(registered -> storedHashes.remove(appCode))
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("register an app", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Set<String>> removeAppsOtherThan(Set<String> appCodes) {
        return pool.execute(REMOVE_OTHERS, Tuple.of(appCodes.toArray(String[]::new)))
                .map(removed -> {
                    Set<String> codes = new TreeSet<>();
                    removed.forEach(row -> codes.add(row.getString("app_code")));
                    codes.forEach(storedHashes::remove);
                    return codes;
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("remove apps", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> removeAppHolding(String appCode, String secretHash) {
        return pool.execute(REMOVE_HOLDING, Tuple.of(appCode, secretHash))
                .map(removed -> removed.rowCount() == 1)
                .onSuccess(removed -> storedHashes.remove(appCode))
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("remove an app", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret) {
        return storedHash(appCode)
                .compose(stored -> {
                    if (stored.isEmpty()) {
                        return Future.succeededFuture(AppAuthentication.UNKNOWN_APP);
                    }
                    return Future.fromCompletionStage(secretChecks.check(appSecret, stored.get()), vertx.getOrCreateContext());
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("verify an app secret", failure)))
                .toCompletionStage();
    }

    /**
     * The app's stored hash (empty: no such app), read again once {@link #STORED_HASH_TTL} has passed.
     * Only registered apps are kept: the codes callers claim are theirs to choose, and until 2026-12-03
     * each unknown one was kept too, so that requests with made-up codes of a few kilobytes filled a
     * 256 MB heap in half a minute. An unknown app costs a read each time, as every request did before.
     */
    private Future<Optional<String>> storedHash(String appCode) {
        StoredHash cached = storedHashes.get(appCode);
        long now = nanoTime.getAsLong();
        if (cached != null && now - cached.readAt() < STORED_HASH_TTL.toNanos()) {
            return Future.succeededFuture(Optional.of(cached.hash()));
        }
        return pool.keyedRead(LOAD, Tuple.of(appCode)).map(rows -> {
            if (rows.size() == 0) {
                storedHashes.remove(appCode);
                return Optional.empty();
            }
            String hash = rows.iterator().next().getString("secret_hash");
            storedHashes.put(appCode, new StoredHash(hash, now));
            return Optional.of(hash);
        });
    }

    /** How many apps' hashes are kept; at most the registered apps. */
    int storedHashesKept() {
        return storedHashes.size();
    }

    private record StoredHash(String hash, long readAt) {
    }
}
