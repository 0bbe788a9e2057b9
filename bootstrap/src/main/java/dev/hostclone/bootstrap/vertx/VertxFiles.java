package dev.hostclone.bootstrap.vertx;

import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * How every Vert.x instance HostClone makes treats files. HostClone reads only the files its
 * configuration names (TLS keys and certificates), by their paths, and nothing from its class path.
 * Vert.x resolves file names against the class path by default and keeps a cache directory under
 * {@code java.io.tmpdir} for it: a start where that cannot be made (a container with a read-only
 * root file system) failed with "Unable to create folder at path '/tmp/vertx-cache'", and every
 * process killed without its shutdown hook left one behind. Without class-path resolving there is
 * no cache directory, and a relative path is a file of the working directory, never a resource of
 * the jar that happens to bear its name.
 */
public final class VertxFiles {

    private VertxFiles() {
    }

    public static VertxOptions options() {
        return new VertxOptions().setFileSystemOptions(new FileSystemOptions()
                .setClassPathResolvingEnabled(false)
                .setFileCachingEnabled(false));
    }
}
