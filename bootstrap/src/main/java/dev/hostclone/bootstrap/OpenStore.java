package dev.hostclone.bootstrap;

import dev.hostclone.adapter.persistence.memory.MemoryStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * The store a configuration names, opened: the adapter objects that implement the storage ports,
 * what to say about it in the log, and how to release it.
 */
final class OpenStore implements AutoCloseable {

    private final List<Object> adapters;
    private final String description;
    private final AutoCloseable release;

    private OpenStore(List<Object> adapters, String description, AutoCloseable release) {
        this.adapters = adapters;
        this.description = description;
        this.release = release;
    }

    static OpenStore open(Configuration configuration, Vertx vertx) {
        return switch (configuration.storage()) {
            case MEMORY -> new OpenStore(List.of(new MemoryStore(Clock.systemUTC())), "memory", () -> { });
            case EMBEDDED, POSTGRES -> throw new IllegalArgumentException(
                    "storage " + configuration.storage().configName() + " is not available in this build");
        };
    }

    List<Object> adapters() {
        return adapters;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            release.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close the store", e);
        }
    }
}
