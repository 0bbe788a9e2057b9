package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load run's reading of the machine's CPU time, on files laid out as /proc/stat is. */
class MachineCpuTest {

    @TempDir
    Path root;

    @Test
    void givenTheCpuLineAndACoresLine_whenRead_thenEachKindOfTheCpuLineAndNothingOfTheCores() throws IOException {
        MachineCpu cpu = machine("cpu  2255 34 2290 22625563 6290 127 456 9 0 0",
                "cpu0 1132 34 1441 11311718 3675 127 438 5 0 0");

        assertThat(cpu.ticks()).containsExactly(2255, 34, 2290, 22625563, 6290, 127, 456, 9, 0, 0);
        assertThat(cpu.stealTicks()).isEqualTo(9);
    }

    @Test
    void givenAReadingAndLaterTicks_whenCountingStealSinceIt_thenTheTicksStolenBetween() throws IOException {
        MachineCpu cpu = machine("cpu  2255 34 2290 22625563 6290 127 456 9 0 0");
        long before = cpu.stealTicks();
        machine("cpu  2900 34 2500 22625700 6300 127 470 131 0 0");

        assertThat(cpu.stealSince(before)).isEqualTo(122);
    }

    @Test
    void givenNothingToRead_whenCountingSteal_thenNone() {
        MachineCpu nowhere = new MachineCpu(root.resolve("no-proc/stat"));

        assertThat(nowhere.stealTicks()).isZero();
        assertThat(nowhere.stealSince(0)).isZero();
    }

    @Test
    void givenAKernelThatDoesNotCountStolenTime_whenCountingSteal_thenNone() throws IOException {
        // Linux before 2.6.11 wrote seven columns
        assertThat(machine("cpu  2255 34 2290 22625563 6290 127 456").stealTicks()).isZero();
    }

    private MachineCpu machine(String... lines) throws IOException {
        Path stat = root.resolve("stat");
        Files.write(stat, List.of(lines));
        return new MachineCpu(stat);
    }
}
