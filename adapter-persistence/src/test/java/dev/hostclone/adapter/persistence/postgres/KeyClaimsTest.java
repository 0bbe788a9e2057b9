package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.BatchKeys.Claim;
import dev.hostclone.domain.model.UniqueKey;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How a write that the key table refuses is answered, against the real table and its primary key. */
class KeyClaimsTest extends PostgresStoreFixture {

    private static final String CLAIM = "INSERT INTO host_unique_key (rule_id, key_hash, key_text, bk_host_id)"
            + " VALUES (99, sha256(convert_to('held', 'UTF8')), 'held', $1)";

    /**
     * A collision none of the claims written can be named for (each time, its owner let go before it was asked):
     * the write is tried again, and after the last try answered stale, for its caller to read again and plan anew.
     * Until 2026-12-07 the last try's refusal was PostgreSQL's bare 23505, which a server answered 500 / 1199998.
     */
    @Test
    void givenACollisionThatCannotBeNamed_whenEveryTryMeetsIt_thenTheWriteIsAnsweredStale() {
        PgSettings settings = TestPostgres.database();
        await(await(PostgresStore.start(vertx, settings)).close());
        TimedPool pool = TestPostgres.pool(vertx, settings, 1, 5_000);
        await(pool.execute(CLAIM, Tuple.of(1L)).toCompletionStage());
        AtomicInteger tries = new AtomicInteger();
        List<Claim> claimedElsewhere = List.of(new Claim(HostId.of(2), List.of(UniqueKey.of(99, List.of("f"), List.of("free")))));

        String answer = await(new KeyClaims(pool).withCollisionsNamed(() -> {
            tries.incrementAndGet();
            return pool.execute(CLAIM, Tuple.of(2L)).map("written");
        }, () -> claimedElsewhere, "stale").toCompletionStage());

        assertThat(answer).isEqualTo("stale");
        assertThat(tries).hasValue(KeyClaims.MAX_ATTEMPTS);
        await(pool.close().toCompletionStage());
    }
}
