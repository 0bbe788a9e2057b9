package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
import dev.hostclone.bootstrap.config.Storage;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default storage keeps its data in the data directory: a restarted server finds it all again; and
 * what is left of that directory's disk is metered.
 */
class EmbeddedStorageTest extends EndToEndScenarios {

    @TempDir
    static Path dataDirectory;

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators())
                .withStorage(Storage.EMBEDDED, dataDirectory, null);
    }

    @Test
    void givenHostsClonedOnEmbeddedStorage_whenServerRestartsOnSameDataDirectory_thenSameValuesAreRead() {
        long business = aBusiness();
        String sourceIp = anIp();
        String destinationIp = anIp();
        List<Long> ids = hosts(business,
                host(sourceIp, "operator", "alice", "bk_os_name", "Debian", "bk_comment", "rack 7"),
                host(destinationIp, "bk_asset_id", "ASSET-2"));
        ApiResponse cloned = cloneVia(Door.ESB, admin, fields("bk_biz_id", business,
                "bk_org_ip", sourceIp, "bk_dst_ip", destinationIp, "bk_cloud_id", 0));
        assertThat(cloned.code()).as(cloned.toString()).isZero();
        Map<String, JsonNode> beforeRestart = baseInfo(ids.get(1));

        server.close();
        server = HostCloneServer.start(configuration());
        admin = client(ADMIN);

        Map<String, JsonNode> afterRestart = baseInfo(ids.get(1));
        assertThat(afterRestart).isEqualTo(beforeRestart);
        assertThat(afterRestart.get("operator").asText()).isEqualTo("alice");
        assertThat(afterRestart.get("bk_comment").asText()).isEqualTo("rack 7");
        assertThat(afterRestart.get("bk_asset_id").asText()).isEqualTo("ASSET-2");
        assertThat(afterRestart.get("bk_host_innerip").asText()).isEqualTo(destinationIp);
        assertThat(baseInfo(ids.get(0)).get("bk_os_name").asText()).isEqualTo("Debian");
    }

    @Test
    void givenTheEmbeddedStorage_whenScraped_thenTheRoomLeftOnItsDataDirectorysDiskIsMetered() throws IOException {
        FileStore disk = Files.getFileStore(dataDirectory);
        String path = "{path=\"" + dataDirectory.toAbsolutePath().normalize() + "\"}";

        Scrape scrape = Scrape.of(admin);

        assertThat(scrape.value("disk_total_bytes" + path)).isEqualTo((double) disk.getTotalSpace());
        // what other processes write meanwhile moves it, but not by a tenth of the disk
        assertThat(scrape.value("disk_free_bytes" + path)).isPositive()
                .isCloseTo((double) disk.getUsableSpace(), within(disk.getTotalSpace() / 10.0));
    }
}
