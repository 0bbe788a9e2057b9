package dev.hostclone.bootstrap;

import java.util.Map;

/**
 * What the embedded PostgreSQL runs with beyond durability, so that it writes its data out as it goes.
 * Backends extend the audit table with zero-filled pages that PostgreSQL never asks the kernel to write:
 * with 256 MB of shared buffers and no hint, under a durable load they piled up for the kernel's 30 s
 * and went out at once, 119-155 MB, every commit's WAL sync behind them (p99 70-218 ms at half the
 * best). Small buffers evict each new page within seconds, and {@code backend_flush_after} has the
 * kernel start writing what a backend evicts at once; either alone did not help (README, The
 * database's host). Public for the benchmarks' PostgreSQL, which runs the same.
 */
public final class EmbeddedPostgresSettings {

    /** Setting name to value, as PostgreSQL's {@code SHOW} prints it. */
    public static final Map<String, String> WRITE_OUT_AS_IT_GOES = Map.of(
            "shared_buffers", "64MB",
            "backend_flush_after", "256kB");

    private EmbeddedPostgresSettings() {
    }
}
