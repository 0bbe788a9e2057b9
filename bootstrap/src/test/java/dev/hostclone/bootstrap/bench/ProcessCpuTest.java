package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load run's reading of a JVM's threads, on directories laid out as /proc/[pid]/task is. */
class ProcessCpuTest {

    @TempDir
    Path tasks;

    @Test
    void givenCompilerAndOtherThreads_whenCountingCompilerTicks_thenThoseOfTheCompilerThreadsAndOfNoOther() throws IOException {
        thread(101, "C2 CompilerThre", 112, 8);
        thread(102, "C1 CompilerThre", 60, 3);
        thread(103, "java", 40, 11);
        thread(104, "vert.x-eventloo", 25, 5);

        assertThat(ProcessCpu.ofCompilerThreads(tasks)).isEqualTo(112 + 8 + 60 + 3);
    }

    @Test
    void givenAThreadNameHoldingSpacesAndParentheses_whenRead_thenItIsWholeAndNotTakenForACompilerThread() throws IOException {
        thread(105, "a (C2 Compiler)", 70, 0);

        assertThat(ProcessCpu.command(Files.readString(tasks.resolve("105/stat")))).isEqualTo("a (C2 Compiler)");
        assertThat(ProcessCpu.ofCompilerThreads(tasks)).isZero();
    }

    @Test
    void givenAThreadThatEndedWhileTheOthersWereRead_whenCountingCompilerTicks_thenItIsSkipped() throws IOException {
        thread(101, "C2 CompilerThre", 112, 8);
        Files.createDirectories(tasks.resolve("106"));

        assertThat(ProcessCpu.ofCompilerThreads(tasks)).isEqualTo(120);
    }

    @Test
    void givenSelfBesideThePidFolders_whenCounting_thenOnlyTheFoldersNamedByANumberCount() throws IOException {
        // /proc/self links to a process counted under its pid already
        thread(101, "C2 CompilerThre", 112, 8);
        ProcFiles.stat(tasks.resolve("self"), 101, "C2 CompilerThre", 112, 8);

        assertThat(ProcessCpu.ofNamed(tasks, ProcessCpu::isCompilerThread)).isEqualTo(120);
    }

    private void thread(int tid, String name, long userTicks, long systemTicks) throws IOException {
        ProcFiles.stat(tasks.resolve(Integer.toString(tid)), tid, name, userTicks, systemTicks);
    }
}
