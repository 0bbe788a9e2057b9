package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.bootstrap.bench.WaitSampler.Sample;
import dev.hostclone.bootstrap.bench.WaitSampler.SyncSeen;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How a report finds the longest WAL sync its samples caught: one statement in {@code IO:WalSync} in
 * samples running, which the second's mean sync time hides.
 */
class LongestWalSyncTest {

    private static final long SECOND = LocalDateTime.of(2026, 12, 3, 16, 33, 5).toInstant(ZoneOffset.UTC).toEpochMilli();
    /** What processes were doing, as the sampler keys it: a backend's pid and its statement's start. */
    private static final String COMMIT = "101 2026-12-03 16:33:05.004+00";
    private static final String NEXT_COMMIT = "101 2026-12-03 16:33:05.012+00";
    private static final String OTHER_COMMIT = "102 2026-12-03 16:33:05.006+00";
    private static final String WALWRITER = "50 null";

    @Test
    void givenOneStatementInTheSyncInSamplesRunning_whenTheLongestIsFound_thenItIsOneSyncAtLeastAsLongAsTheyLieApart() {
        List<Sample> samples = new ArrayList<>();
        samples.add(sample(0, "backend CPU", COMMIT));
        for (int at = 10; at <= 60; at += 10) {
            samples.add(sample(at, "backend IO:WalSync", COMMIT, "backend LWLock:WALWrite", OTHER_COMMIT));
        }
        samples.add(sample(70, "backend CPU", COMMIT));
        // another's shorter sync later in the second
        samples.add(sample(300, "walwriter IO:WalSync", WALWRITER));
        samples.add(sample(310, "walwriter IO:WalSync", WALWRITER));

        Optional<SyncSeen> longest = longest(samples, SECOND, SECOND + 1000);

        assertThat(longest).hasValue(new SyncSeen("backend", SECOND + 10, SECOND + 60, 6));
        assertThat(longest.orElseThrow()).hasToString("50 ms or more (backend, 6 samples from 16:33:05.010)");
    }

    @Test
    void givenSyncsEachSeenInOneSample_whenTheLongestIsFound_thenNoneSinceOneSampleSaysNothingOfALength() {
        List<Sample> samples = List.of(
                sample(0, "backend IO:WalSync", COMMIT),
                sample(10, "backend CPU", COMMIT),
                sample(20, "backend IO:WalSync", COMMIT));

        assertThat(longest(samples, SECOND, SECOND + 1000)).isEmpty();
    }

    @Test
    void givenSyncsOfDifferentStatementsInSamplesRunning_whenTheLongestIsFound_thenTheyAreNotOneSync() {
        List<Sample> samples = List.of(
                sample(0, "backend IO:WalSync", COMMIT),
                sample(10, "backend IO:WalSync", OTHER_COMMIT),
                // the same backend at its next commit: two quick syncs, not one slow one
                sample(20, "backend IO:WalSync", NEXT_COMMIT),
                // a sample between them that saw no sync of its statement ends one: what comes after is another
                sample(30, "backend CPU", OTHER_COMMIT),
                sample(40, "backend IO:WalSync", NEXT_COMMIT, "backend IO:WalSync", OTHER_COMMIT));

        assertThat(longest(samples, SECOND, SECOND + 1000)).isEmpty();
    }

    @Test
    void givenASyncAcrossASecondsEdge_whenTheLongestOfEachSecondIsFound_thenItCountsWholeInBothAndInNoOther() {
        List<Sample> samples = List.of(
                sample(980, "backend IO:WalSync", COMMIT),
                sample(990, "backend IO:WalSync", COMMIT),
                sample(1000, "backend IO:WalSync", COMMIT),
                sample(1010, "backend IO:WalSync", COMMIT));
        SyncSeen whole = new SyncSeen("backend", SECOND + 980, SECOND + 1010, 4);

        assertThat(longest(samples, SECOND, SECOND + 1000)).hasValue(whole);
        assertThat(longest(samples, SECOND + 1000, SECOND + 2000)).hasValue(whole);
        assertThat(longest(samples, SECOND + 2000, SECOND + 3000)).isEmpty();
        assertThat(longest(samples, SECOND - 1000, SECOND)).isEmpty();
    }

    /** The longest sync a report names between {@code begin} and {@code end}, from these samples. */
    private static Optional<SyncSeen> longest(List<Sample> samples, long begin, long end) {
        return WaitSampler.longestIn(WaitSampler.syncsSeen(samples), begin, end);
    }

    /** A sample {@code millis} into {@link #SECOND}: pairs of what a process waited on and what it was doing. */
    private static Sample sample(long millis, String... workAndDoing) {
        List<String> work = new ArrayList<>();
        List<String> doing = new ArrayList<>();
        for (int i = 0; i < workAndDoing.length; i += 2) {
            work.add(workAndDoing[i]);
            doing.add(workAndDoing[i + 1]);
        }
        return new Sample(SECOND + millis, work, doing);
    }
}
