package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory the embedded PostgreSQL's programs run from: the server user's own, closed to others. */
class EmbeddedBinariesTest {

    @TempDir
    Path temporary;

    @Test
    void givenNoDirectoryYet_whenPrepared_thenOneOfThisUserIsMadeThatOnlyItMayUse() throws IOException {
        Path directory = EmbeddedBinaries.directory(temporary);

        assertThat(directory.getFileName().toString()).isEqualTo(EmbeddedBinaries.PREFIX + uid());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(EmbeddedBinaries.directory(temporary)).as("the same one, again").isEqualTo(directory);
        try (var left = Files.list(temporary)) {
            assertThat(left).as("nothing else left behind").containsExactly(directory);
        }
    }

    /** Its own, opened to others by hand or by an older build: taken, and closed again. */
    @Test
    void givenThisUsersDirectoryOpenToEveryone_whenPrepared_thenItIsClosedToOthers() throws IOException {
        Path directory = Files.createDirectory(temporary.resolve(EmbeddedBinaries.PREFIX + uid()));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

        EmbeddedBinaries.directory(temporary);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }

    /** A link would send the programs wherever its maker chose. */
    @Test
    void givenALinkInItsPlace_whenPrepared_thenTheStartIsRefusedNamingIt() throws IOException {
        Path elsewhere = Files.createDirectory(temporary.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temporary.resolve(EmbeddedBinaries.PREFIX + uid()), elsewhere);

        assertThatThrownBy(() -> EmbeddedBinaries.directory(temporary))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(link + " is not a directory of this server's user");
    }

    /** Another user's directory (made here by root, as another user would have made it) is never run from. */
    @Test
    void givenAnotherUsersDirectoryInItsPlace_whenPrepared_thenTheStartIsRefused() throws IOException {
        assumeTrue(uid() == 0, "only root can make a directory another user owns");
        Path planted = Files.createDirectory(temporary.resolve(EmbeddedBinaries.PREFIX + uid()));
        Files.setAttribute(planted, "unix:uid", 1);

        assertThatThrownBy(() -> EmbeddedBinaries.directory(temporary))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another user could have put programs there");
        assertThat(Files.getAttribute(planted, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as("left as it was").isEqualTo(1);
    }

    private int uid() throws IOException {
        Path probe = Files.createTempFile("uid", ".probe");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.delete(probe);
        }
    }
}
