package dev.hostclone.bootstrap.bench;

import dev.hostclone.bootstrap.bench.Seeder.SeededHosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database ceiling of a clone: {@code pgbench} sending the two statements the PostgreSQL
 * adapter sends for one clone by id — load source and destination ({@code PostgresHosts.LOAD_BY_IDS}),
 * then the conditional update with its audit insert in one statement ({@code PostgresHosts.UPDATE})
 * — over the same seeded hosts, at the same number of connections, with prepared statements as the
 * Vert.x client uses them.
 *
 * <p>Two simplifications, both in pgbench's favour: the expected version and model revision are read
 * inside the update instead of carried over from the load (pgbench cannot carry a row of an array
 * result), and no JSON is decoded or planned in Java. Keep the script in step with the adapter's
 * statements when they change.
 */
final class PgbenchBaseline {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private static final String SCRIPT = """
            \\set source random(:first, :last)
            \\set destination random(:first, :last)
            SELECT bk_host_id, bk_biz_id, version, doc FROM host WHERE bk_host_id = ANY(ARRAY[:source, :destination]::bigint[]);
            WITH model AS (SELECT revision FROM host_model_state WHERE id = 1 FOR SHARE), \
            updated AS (UPDATE host SET doc = doc || CAST(:patch AS jsonb), version = version + 1 \
            WHERE bk_host_id = :destination AND version = (SELECT h.version FROM host h WHERE h.bk_host_id = :destination) \
            AND EXISTS (SELECT 1 FROM model) RETURNING bk_host_id, bk_biz_id, version, doc), \
            audit AS (INSERT INTO audit_record (audit_type, resource_type, action, bk_biz_id, resource_id, resource_name, \
            user_name, app_code, rid, operate_from, operation_time, pre_data, cur_data, update_fields) \
            SELECT CAST(:audit_type AS text), CAST(:resource_type AS text), CAST(:action AS text), CAST(:business AS bigint), \
            CAST(:destination AS bigint), CAST(:resource_name AS text), CAST(:user AS text), CAST(:app AS text), \
            CAST(:rid AS text), CAST(:operate_from AS text), now(), CAST(:pre_data AS jsonb), CAST(:cur_data AS jsonb), \
            CAST(:update_fields AS jsonb) FROM updated RETURNING id) \
            SELECT u.version, a.id AS audit_id FROM updated u CROSS JOIN audit a;
            """;

    private final int port;
    private final SeededHosts seeded;

    PgbenchBaseline(int port, SeededHosts seeded) {
        this.port = port;
        this.seeded = seeded;
    }

    /** Runs the clone statements for {@code seconds} over {@code clients} connections; returns clones per second. */
    double run(int clients, int seconds) throws IOException, InterruptedException {
        LoadRun.requireTool("pgbench");
        Path script = Files.createTempFile("hostclone-clone", ".pgbench");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared",
                "-h", "localhost", "-p", Integer.toString(port), "-U", "postgres",
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Integer.toString(seconds), "-f", script.toString()));
        long first = seeded.ids().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = seeded.ids().stream().mapToLong(Long::longValue).max().orElseThrow();
        if (last - first + 1 != seeded.ids().size()) {
            throw new IllegalStateException("seeded host ids are not contiguous; pgbench draws ids from a range");
        }
        define(command, "first", first);
        define(command, "last", last);
        define(command, "business", seeded.business());
        define(command, "patch", "{\"bk_comment\":\"cloned\",\"operator\":\"alice\",\"rack\":\"rack-1\"}");
        define(command, "audit_type", "host");
        define(command, "resource_type", "host");
        define(command, "action", "update");
        define(command, "resource_name", "10.0.0.1");
        define(command, "user", ServerProcess.ADMIN);
        define(command, "app", ServerProcess.APP);
        define(command, "rid", "pgbench-request-id-0000000000000000");
        define(command, "operate_from", "user");
        define(command, "pre_data", "{\"bk_comment\":\"rack row 1\",\"operator\":\"bob\",\"rack\":\"rack-0\"}");
        define(command, "cur_data", "{\"bk_comment\":\"cloned\",\"operator\":\"alice\",\"rack\":\"rack-1\"}");
        define(command, "update_fields", "{\"bk_comment\":\"cloned\",\"operator\":\"alice\",\"rack\":\"rack-1\"}");
        command.add("postgres");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private static void define(List<String> command, String name, Object value) {
        command.add("-D");
        command.add(name + "=" + value);
    }
}
