package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How a host maps to the {@code host} table and its inner-IP index: columns, rows read, index rows written. */
final class HostRows {

    /** The columns an INSERT fills, in tuple order. */
    static final String COLUMNS = "bk_host_id, bk_biz_id, version, doc";
    /** As read: the document as text, parsed by {@link JsonText#readHostDocument} without the client's JSON objects. */
    static final String READ_COLUMNS = "bk_host_id, bk_biz_id, version, doc::text AS doc";
    static final String INSERT_INNER_IP = "INSERT INTO host_inner_ip (bk_cloud_id, ip, bk_host_id) VALUES ($1, $2, $3)";
    private static final String DELETE_INNER_IPS = "DELETE FROM host_inner_ip WHERE bk_host_id = $1";

    private HostRows() {
    }

    /** The hosts of a host query's rows; a row without a host (see {@link PostgresHosts#LOAD_BY_IDS}) is skipped. */
    static List<Host> hosts(RowSet<Row> rows) {
        List<Host> hosts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Long id = row.getLong("bk_host_id");
            if (id != null) {
                hosts.add(new Host(HostId.of(id), BusinessId.of(row.getLong("bk_biz_id")), row.getLong("version"),
                        JsonText.readHostDocument(row.getString("doc"))));
            }
        }
        return hosts;
    }

    /** The host as a statement of the returning-doc kind left it. */
    static Host after(HostId id, RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new Host(id, BusinessId.of(row.getLong("bk_biz_id")), row.getLong("version"), JsonText.readHostDocument(row.getString("doc")));
    }

    /** One row per distinct inner address (v4 and v6) in the host's cloud area, as {@link Host} reads them. */
    static List<Tuple> innerIpRows(Host host) {
        Set<String> ips = new LinkedHashSet<>(host.innerIps());
        ips.addAll(host.innerIpsV6());
        long cloud = host.cloud().value();
        return ips.stream().map(ip -> Tuple.of(cloud, ip, host.id().value())).toList();
    }

    /** Replaces the inner-IP rows of hosts whose addresses or cloud area a write changed. */
    static Future<Void> reindexInnerIps(SqlConnection connection, Collection<Host> after) {
        List<Tuple> cleared = after.stream().map(host -> Tuple.of(host.id().value())).toList();
        List<Tuple> ips = after.stream().flatMap(host -> innerIpRows(host).stream()).toList();
        Future<?> deleted = connection.preparedQuery(DELETE_INNER_IPS).executeBatch(cleared);
        Future<?> indexed = ips.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(INSERT_INNER_IP).executeBatch(ips);
        return Transactions.allInOrder(List.of(deleted, indexed));
    }
}
