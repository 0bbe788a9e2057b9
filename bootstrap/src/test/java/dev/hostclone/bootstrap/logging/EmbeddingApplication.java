package dev.hostclone.bootstrap.logging;

import dev.hostclone.bootstrap.HostClone;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application embedding HostClone, run by {@link LoggingProcessTest} in a JVM of its own: it logs
 * before HostClone is touched, at INFO and DEBUG, and again while one is open.
 */
public final class EmbeddingApplication {

    static final String BEFORE = "application line before HostClone";
    static final String DEBUG = "application debug line";
    static final String WITH_HOST_CLONE = "application line with HostClone open";

    private EmbeddingApplication() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("my.app");
        log.info(BEFORE);
        log.debug(DEBUG);
        try (HostClone hostClone = HostClone.inMemory(Set.of("admin"))) {
            log.info(WITH_HOST_CLONE);
        }
    }
}
