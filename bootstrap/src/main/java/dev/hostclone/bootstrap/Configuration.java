package dev.hostclone.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the server is configured with, read once at start by {@link ConfigurationReader} and
 * handed inward as typed values. {@code apps} maps app codes to secrets; empty means "generate one".
 * {@code storeTimeout} bounds every wait for the database (connect, pool, statement).
 */
public record Configuration(
        String httpHost,
        int httpPort,
        Storage storage,
        Map<String, String> apps,
        Set<String> administrators,
        String language,
        Path dataDirectory,
        String postgresUrl,
        Duration storeTimeout) {

    public Configuration {
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(storage, "storage");
        apps = Map.copyOf(apps);
        administrators = Set.copyOf(administrators);
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(storeTimeout, "storeTimeout");
    }

    /** Defaults with an in-memory store, an ephemeral port and the given apps: what tests and demos start from. */
    public static Configuration inMemory(Map<String, String> apps, Set<String> administrators) {
        return new Configuration("127.0.0.1", 0, Storage.MEMORY, apps, administrators, "zh-cn",
                Path.of(ConfigurationReader.DEFAULT_DATA_DIR), null, ConfigurationReader.DEFAULT_STORE_TIMEOUT);
    }

    public Configuration withStorage(Storage newStorage, Path newDataDirectory, String newPostgresUrl) {
        return new Configuration(httpHost, httpPort, newStorage, apps, administrators, language, newDataDirectory,
                newPostgresUrl, storeTimeout);
    }

    public Configuration withStoreTimeout(Duration timeout) {
        return new Configuration(httpHost, httpPort, storage, apps, administrators, language, dataDirectory,
                postgresUrl, timeout);
    }
}
