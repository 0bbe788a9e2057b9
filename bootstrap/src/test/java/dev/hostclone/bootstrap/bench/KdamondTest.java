package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load run's reading of the kernel's DAMON threads, on a tree laid out as /proc and DAMON's sysfs are. */
class KdamondTest {

    @TempDir
    Path root;

    @Test
    void givenTwoKdamondsBesideAJvm_whenCountingTicks_thenThoseOfEveryKdamondAndOfNothingElse() throws IOException {
        // utime 530, stime 12 for the kdamond; the JVM beside it, whose command holds a space and a ')', is not one
        process(79, "kdamond.0", 530, 12);
        process(8165, "java) x", 90_000, 4_000);
        process(80, "kdamond.1", 7, 1);

        assertThat(kdamond().ticks()).isEqualTo(550);
    }

    @Test
    void givenAReadingTakenBeforeDamonWasTurnedOffAndOnAgain_whenCountingTicksSinceIt_thenNone() throws IOException {
        process(79, "kdamond.0", 530, 12);
        Kdamond kdamond = kdamond();
        long before = kdamond.ticks();
        try (var files = Files.walk(root.resolve("proc/79"))) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        process(8986, "kdamond.0", 3, 0);

        assertThat(kdamond.since(before)).isZero();
    }

    @Test
    void givenOneKdamondOnAndOneOff_whenDescribed_thenTheSchemesOfTheOneOnAreNamed() throws IOException {
        process(79, "kdamond.0", 1, 0);
        scheme(0, "on", "paddr", "pageout");
        scheme(1, "off", "vaddr", "hugepage");

        assertThat(kdamond().describe()).isEqualTo("the kernel's DAMON: 1 kdamond running, paddr pageout (as root,"
                + " `echo off > " + root.resolve("damon") + "/0/state` stops it until `echo on`)");
    }

    @Test
    void givenNoKdamondRunning_whenDescribed_thenItSaysSoAndCountsNoTicks() throws IOException {
        process(8165, "java", 90_000, 4_000);

        assertThat(kdamond().describe()).isEqualTo("the kernel's DAMON: no kdamond running");
        assertThat(kdamond().ticks()).isZero();
    }

    @Test
    void givenAMachineWithoutProcOrDamon_whenRead_thenNoTicksAndNoKdamond() {
        Kdamond absent = new Kdamond(root.resolve("no-proc"), root.resolve("no-damon"));

        assertThat(absent.ticks()).isZero();
        assertThat(absent.describe()).isEqualTo("the kernel's DAMON: no kdamond running");
    }

    private Kdamond kdamond() {
        return new Kdamond(root.resolve("proc"), root.resolve("damon"));
    }

    /** A process folder as proc(5) has it: its command, and its stat line with utime and stime as fields 14 and 15. */
    private void process(long pid, String command, long utime, long stime) throws IOException {
        Path folder = root.resolve("proc").resolve(Long.toString(pid));
        ProcFiles.stat(folder, pid, command, utime, stime);
        Files.writeString(folder.resolve("comm"), command + "\n");
    }

    private void scheme(int kdamond, String state, String operations, String action) throws IOException {
        Path folder = Files.createDirectories(root.resolve("damon").resolve(Integer.toString(kdamond)));
        Files.writeString(folder.resolve("state"), state + "\n");
        Path context = Files.createDirectories(folder.resolve("contexts/0"));
        Files.writeString(context.resolve("operations"), operations + "\n");
        Path scheme = Files.createDirectories(context.resolve("schemes/0"));
        Files.writeString(scheme.resolve("action"), action + "\n");
    }
}
