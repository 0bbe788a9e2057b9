package dev.hostclone.bootstrap.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where HostClone keeps its data. */
public enum Storage {
    /** An embedded PostgreSQL whose data lives in the data directory: the default, nothing to install. */
    EMBEDDED,
    /** An external PostgreSQL at the configured URL. */
    POSTGRES,
    /** In memory: for tests, demos and embedding; nothing survives a restart. */
    MEMORY;

    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Storage> fromConfig(String value) {
        return Arrays.stream(values()).filter(storage -> storage.configName().equals(value)).findFirst();
    }
}
