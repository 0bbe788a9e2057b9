package dev.hostclone.bootstrap.store;

import java.util.Map;

/**
 * The embedded storage's settings that the benchmarks' PostgreSQL ({@code BenchPostgres}) runs with too,
 * so that a figure says what the server's own PostgreSQL gets. In the tests, so that
 * {@link EmbeddedPostgresSettings} stays its package's.
 */
public final class EmbeddedPostgresSettingsForBench {

    /** {@link EmbeddedPostgresSettings#WRITE_OUT_AS_IT_GOES}: shared buffers and write-out. */
    public static final Map<String, String> WRITE_OUT_AS_IT_GOES = EmbeddedPostgresSettings.WRITE_OUT_AS_IT_GOES;
    /** {@link EmbeddedPostgresSettings#DURABLE}. */
    public static final Map<String, String> DURABLE = EmbeddedPostgresSettings.DURABLE;

    private EmbeddedPostgresSettingsForBench() {
    }
}
