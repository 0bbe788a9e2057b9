package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load run's reading of the kernel's write-back settings, on a folder laid out as /proc/sys/vm is. */
class KernelWriteBackTest {

    @TempDir
    Path vm;

    @Test
    void givenLinuxsDefaults_whenDescribed_thenEachIsNamed() throws IOException {
        settings(3000, 500, 0, 10);

        assertThat(new KernelWriteBack(vm).describe()).isEqualTo(
                "the kernel's write-back: a file's dirty data once 30 s old, looked for every 5 s, and from 10 % of memory dirty");
    }

    @Test
    void givenAThresholdInBytesAndIntervalsUnderASecond_whenDescribed_thenBytesOverTheRatioAndFractionsOfASecond() throws IOException {
        settings(100, 50, 33_554_432, 10);

        assertThat(new KernelWriteBack(vm).describe()).isEqualTo(
                "the kernel's write-back: a file's dirty data once 1 s old, looked for every 0.5 s, and from 32 MB dirty");
    }

    @Test
    void givenSettingsThatCannotBeRead_whenDescribed_thenUnknown() throws IOException {
        assertThat(new KernelWriteBack(vm.resolve("absent")).describe()).isEqualTo("the kernel's write-back: unknown");

        settings(3000, 500, 0, 10);
        Files.writeString(vm.resolve("dirty_expire_centisecs"), "thirty\n");
        assertThat(new KernelWriteBack(vm).describe()).isEqualTo("the kernel's write-back: unknown");
    }

    @Test
    void givenThisMachinesSettingsCopiedToRegularFiles_whenReadFromProc_thenTheSameAndNoneUnknown() throws IOException {
        Path here = Path.of("/proc/sys/vm");
        assumeTrue(Files.isReadable(here.resolve("dirty_expire_centisecs")), "not Linux");
        // the same values in regular files, whose size is known, against /proc/sys's, whose size is 0
        for (String name : List.of("dirty_expire_centisecs", "dirty_writeback_centisecs", "dirty_background_bytes",
                "dirty_background_ratio")) {
            Files.write(vm.resolve(name), Files.readAllLines(here.resolve(name)));
        }

        assertThat(KernelWriteBack.HERE.describe()).isEqualTo(new KernelWriteBack(vm).describe())
                .doesNotContain("unknown");
    }

    private void settings(long expire, long interval, long backgroundBytes, long backgroundRatio) throws IOException {
        Files.writeString(vm.resolve("dirty_expire_centisecs"), expire + "\n");
        Files.writeString(vm.resolve("dirty_writeback_centisecs"), interval + "\n");
        Files.writeString(vm.resolve("dirty_background_bytes"), backgroundBytes + "\n");
        Files.writeString(vm.resolve("dirty_background_ratio"), backgroundRatio + "\n");
    }
}
