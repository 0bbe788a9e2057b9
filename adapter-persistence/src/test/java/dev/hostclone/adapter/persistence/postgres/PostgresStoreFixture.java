package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.domain.host.Host;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.core.tracing.TracingPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the PostgreSQL store's tests share: one Vert.x for each test class, Vert.x instances that record the
 * statements their clients send, and the helpers that several of the classes use.
 */
abstract class PostgresStoreFixture {

    /** Each class's own, started before its tests and closed after them: the test classes run one at a time. */
    static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close().toCompletionStage());
    }

    /** Another server's model change as the database sees it, without the notification that would follow it. */
    static void renameFirstAttributeWithoutNotifying(PgSettings settings) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE host_attribute SET bk_property_name_en = 'Renamed' WHERE id = 1");
            statement.execute("UPDATE host_model_state SET revision = revision + 1");
        }
    }

    static void createBoth(PostgresStore store, Host first, Host second) {
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(first), HostBuilder.creationOf(second))));
    }

    /** A Vert.x whose SQL clients add the text of every statement they send to {@code statements}. */
    static Vertx recording(List<String> statements) {
        return recording(statements, new CopyOnWriteArrayList<>());
    }

    /**
     * A Vert.x whose SQL clients add the text of every statement they send to {@code statements},
     * and of every one that fails, with why, to {@code failed}.
     */
    static Vertx recording(List<String> statements, List<String> failed) {
        return Vertx.builder()
                .with(new VertxOptions().setTracingOptions(new TracingOptions()))
                .withTracer(options -> new StatementRecorder(statements, failed))
                .build();
    }

    /** Records the SQL of every statement the client sends (transaction commands are not statements). */
    private static final class StatementRecorder implements VertxTracer<String, String> {

        private final List<String> statements;
        private final List<String> failed;

        StatementRecorder(List<String> statements, List<String> failed) {
            this.statements = statements;
            this.failed = failed;
        }

        @Override
        public <R> String sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
                                      BiConsumer<String, String> headers, TagExtractor<R> tags) {
            String sql = tags.extract(request).get("db.query.text");
            statements.add(sql);
            return sql;
        }

        @Override
        public <R> void receiveResponse(Context context, R response, String sql, Throwable failure, TagExtractor<R> tags) {
            if (failure != null) {
                failed.add(sql + ": " + failure.getMessage());
            }
        }
    }

    static Throwable failureOf(CompletionStage<?> stage) {
        return failureWithin(stage, Duration.ofSeconds(60));
    }

    static Throwable failureWithin(CompletionStage<?> stage, Duration wait) {
        try {
            stage.toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer in time", e);
        }
    }
}
