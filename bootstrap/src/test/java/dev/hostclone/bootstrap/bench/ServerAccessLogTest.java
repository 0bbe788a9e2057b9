package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The load run's reading of the server's own latencies from its access log, on lines as the server writes them. */
class ServerAccessLogTest {

    private static final String CLONE = "clone_host_property";
    private static final List<String> LOG = List.of(
            "2026-12-03T04:31:09.998Z INFO  [vert.x-eventloop-thread-3] d.h.adapter.http.access - rid=a1"
                    + " api=clone_host_property door=v3 app=bench user=admin code=0 status=200 ms=40.125",
            "2026-12-03T04:31:10.000Z INFO  [vert.x-eventloop-thread-3] d.h.adapter.http.access - rid=a2"
                    + " api=clone_host_property door=v3 app=bench user=admin code=0 status=200 ms=0.092",
            "2026-12-03T04:31:10.400Z INFO  [vert.x-eventloop-thread-2] d.h.adapter.http.access - rid=a3"
                    + " api=search_business door=v3 app=bench user=admin code=0 status=200 ms=90.000",
            "io.vertx.pgclient.PgException: FATAL: terminating connection due to administrator command (57P01)",
            "2026-12-03T04:31:10.500Z INFO  [vert.x-eventloop-thread-2] d.h.adapter.http.access - rid=a4"
                    + " api=clone_host_property door=esb app=bench user=admin code=1199006 status=200 ms=21.007",
            "2026-12-03T04:31:10.900Z INFO  [hostclone-shutdown] d.h.b.HostCloneServer - HostClone stopped ms=70",
            "2026-12-03T04:31:11.000Z INFO  [vert.x-eventloop-thread-3] d.h.adapter.http.access - rid=a5"
                    + " api=clone_host_property door=v3 app=bench user=admin code=0 status=200 ms=55.500");

    @Test
    void givenAnAccessLogAroundAPhase_whenReadingCloneLatencies_thenTheClonesAnsweredWithinThePhaseAndNothingElse() {
        Histogram micros = ServerProcess.accessLatenciesIn(LOG.stream(), CLONE,
                Instant.parse("2026-12-03T04:31:10Z"), Instant.parse("2026-12-03T04:31:11Z"));

        // a2 and a4: a1 ended before the phase, a5 at its end, a3 is another API, the rest are no access lines
        assertThat(micros.getTotalCount()).isEqualTo(2);
        assertThat(micros.getMinValue()).isEqualTo(92);
        assertThat(micros.highestEquivalentValue(micros.getMaxValue())).isEqualTo(micros.highestEquivalentValue(21_007));
    }
}
