package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a process counts as ended. The one case a plain {@link ProcessHandle#isAlive()} gets wrong is a
 * zombie, which a killed postmaster stays where the first process reaps no orphans, as on this
 * repository's machines. And why the process a pid file names is surely no PostgreSQL, when another
 * program has its number or it has ended; the rest of {@link Postmaster} runs against real servers in
 * {@code OrphanedPostgresTest}, {@code StalePidFileTest}, {@code EmbeddedPostgresStopTest} and
 * {@code MainProcessTest}.
 */
class PostmasterTest {

    @Test
    void givenAProcessThatRuns_whenAsked_thenItHasNotEnded() throws Exception {
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(Postmaster.ended(running.toHandle())).isFalse();
        } finally {
            running.destroyForcibly().waitFor();
        }
    }

    @Test
    void givenAProcessThatExited_whenAsked_thenItHasEnded() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThat(Postmaster.ended(exited.toHandle())).isTrue();
    }

    @Test
    void givenAZombieItsParentHasNotReaped_whenAsked_thenItHasEndedThoughJavaCountsItAlive() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/stat")), "a zombie is told by /proc, which Linux has");
        // the shell starts a child that exits at once, then becomes a sleep that never reaps it
        Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 30").start();
        try {
            ProcessHandle zombie = awaitOnlyChild(parent);
            awaitZombie(zombie);

            assertThat(zombie.isAlive()).as("Java's own view").isTrue();
            assertThat(Postmaster.ended(zombie)).isTrue();
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void givenAPidThatAnotherProgramHasTaken_whenJudged_thenItIsNoPostgresSayingWhatItRuns(@TempDir Path dataDirectory)
            throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(Postmaster.whyNotPostgresOn(sleep.pid(), dataDirectory)).hasValueSatisfying(
                    why -> assertThat(why).startsWith("now runs ").endsWith("sleep, not PostgreSQL"));
        } finally {
            sleep.destroyForcibly().waitFor();
        }
    }

    /**
     * A postgres whose program file was deleted while it ran (the programs' directory cleared from the temporary
     * directory): Linux names its program {@code …/postgres (deleted)}, and it may be the PostgreSQL on the
     * directory still, whose pid file must stay. Played by {@code sleep} copied as {@code postgres}, then deleted.
     */
    @Test
    void givenAPostgresWhoseProgramFileWasDeleted_whenJudged_thenItMayBeThePostgresOnTheDirectory(@TempDir Path folder)
            throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/exe")), "Linux names a deleted program so in /proc");
        Path programs = Files.createDirectories(folder.resolve("bin"));
        Path postgres = Files.copy(Path.of(new ProcessBuilder("sh", "-c", "command -v sleep").start().inputReader()
                .readLine()), programs.resolve("postgres"), StandardCopyOption.COPY_ATTRIBUTES);
        Path dataDirectory = Files.createDirectories(folder.resolve("data"));
        Process running = new ProcessBuilder(postgres.toString(), "30").start();
        try {
            Files.delete(postgres);
            assertThat(running.toHandle().info().command()).as("as Linux names it")
                    .hasValueSatisfying(command -> assertThat(command).endsWith("postgres (deleted)"));

            assertThat(Postmaster.whyNotPostgresOn(running.pid(), dataDirectory)).isEmpty();
        } finally {
            running.destroyForcibly().waitFor();
        }
    }

    @Test
    void givenAPidWhoseProcessExited_whenJudged_thenItIsNoPostgresSinceItHasEnded(@TempDir Path dataDirectory)
            throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThat(Postmaster.whyNotPostgresOn(exited.pid(), dataDirectory)).contains("has ended");
    }

    private static ProcessHandle awaitOnlyChild(Process parent) throws InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            var children = parent.toHandle().children().toList();
            if (children.size() == 1) {
                return children.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("the shell's child never appeared");
    }

    private static void awaitZombie(ProcessHandle process) throws Exception {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        for (int attempt = 0; attempt < 500; attempt++) {
            String text = Files.readString(stat);
            if (text.charAt(text.lastIndexOf(')') + 2) == 'Z') {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("the child never exited");
    }
}
