package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.bootstrap.Configuration;
import dev.hostclone.bootstrap.Storage;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the embedded storage, what is left of the data directory's disk is metered beside the rest. */
class EmbeddedStorageMetricsTest extends EndToEndScenarios {

    @TempDir
    static Path dataDirectory;

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators())
                .withStorage(Storage.EMBEDDED, dataDirectory, null);
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
