package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.application.port.in.AppAuthentication;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletionStage;

/**
 * Apps and their salted secret hashes in PostgreSQL. Hashing is deliberately slow (PBKDF2), so it
 * runs on a worker thread, never on the event loop that awaits the database.
 */
final class PostgresApps implements VerifyAppSecretPort, RegisterAppPort {

    private static final String UPSERT = "INSERT INTO app (app_code, secret_hash) VALUES ($1, $2)"
            + " ON CONFLICT (app_code) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, updated_at = now()";
    private static final String LOAD = "SELECT secret_hash FROM app WHERE app_code = $1";

    private final Vertx vertx;
    private final Pool pool;
    private final SecretHashing hashing = new SecretHashing();

    PostgresApps(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    @Override
    public CompletionStage<Void> registerApp(String appCode, String appSecret) {
        return vertx.executeBlocking(() -> SecretHashing.hash(appSecret), false)
                .compose(hash -> pool.preparedQuery(UPSERT).execute(Tuple.of(appCode, hash)))
                .<Void>mapEmpty()
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("register an app", failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(appCode))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(AppAuthentication.UNKNOWN_APP);
                    }
                    String stored = rows.iterator().next().getString("secret_hash");
                    return vertx.executeBlocking(() -> hashing.matches(appSecret, stored)
                            ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET, false);
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("verify an app secret", failure)))
                .toCompletionStage();
    }
}
