package dev.hostclone.bootstrap.metrics;

import dev.hostclone.application.port.out.ReportStaleWritePort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Host writes that went stale and were planned again, by API ({@code hostclone_host_write_retries_total}):
 * the retries hide contention from the callers (two tools cloning onto the same hosts, a model changed
 * under load), so this is where an operator sees it. Each API's counter is registered at once, so that a
 * dashboard finds its series at 0, and found by the writer's ordinal: nothing is looked up or made on a
 * retry, and a write that went through at first never comes here.
 */
public final class StaleWriteMeters implements ReportStaleWritePort {

    /** Prometheus adds the suffix: {@code hostclone_host_write_retries_total}. */
    public static final String RETRIES = "hostclone.host.write.retries";

    private final Counter[] retries = new Counter[Writer.values().length];

    public StaleWriteMeters(MeterRegistry registry) {
        for (Writer writer : Writer.values()) {
            retries[writer.ordinal()] = Counter.builder(RETRIES)
                    .description("host writes that went stale (the hosts or the host model moved since they were read, or"
                            + " PostgreSQL rolled the write back for another's sake) and were read and planned again, by API")
                    .tag("api", writer.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    @Override
    public void plannedAgain(Writer writer) {
        retries[writer.ordinal()].increment();
    }
}
