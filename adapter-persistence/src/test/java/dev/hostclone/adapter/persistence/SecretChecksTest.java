package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.AppAuthentication;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The slow checks of secrets not proven before run off the caller's thread, a bounded number at
 * once; the rest are answered BUSY at once, and checks of one secret against one hash share one
 * slow hash. The hash here has five times the iterations of a real one, so that each slow check
 * takes a tenth of a second or more, against microseconds between the checks a test starts together.
 */
class SecretChecksTest {

    private static final String SECRET = "s3cret";
    private static final String HASH = SecretHashing.hash(SECRET, 300_000);

    @Test
    void givenASecretNotProvenBefore_whenChecked_thenTheSlowHashRunsOnAThreadOfItsOwn() {
        SecretChecks checks = new SecretChecks(1, 1);

        String checkedOn = join(checks.check(SECRET, HASH).thenApply(accepted -> accepted + " on " + Thread.currentThread().getName()));

        assertThat(checkedOn).startsWith("ACCEPTED on hostclone-secret-check-");
    }

    @Test
    void givenASecretProvenBefore_whenChecked_thenAcceptedAtOnceWhileGuessesWait() {
        // room for both guesses whether or not the thread has gone back for work since the proof
        SecretChecks checks = new SecretChecks(1, 2);
        join(checks.check(SECRET, HASH));
        List<CompletionStage<AppAuthentication>> guesses = List.of(checks.check("guess-1", HASH), checks.check("guess-2", HASH));

        CompletionStage<AppAuthentication> proven = checks.check(SECRET, HASH);

        assertThat(proven.toCompletableFuture()).isCompletedWithValue(AppAuthentication.ACCEPTED);
        assertThat(guesses).map(CompletionStage::toCompletableFuture).allSatisfy(guess -> assertThat(guess).isNotDone());
        assertThat(guesses).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenMoreGuessesAtOnceThanRunAndWait_whenChecked_thenTheRestAreBusyAtOnce() {
        SecretChecks checks = new SecretChecks(1, 2);

        List<CompletableFuture<AppAuthentication>> answers = IntStream.range(0, 6)
                .mapToObj(i -> checks.check("guess-" + i, HASH).toCompletableFuture()).toList();

        assertThat(answers.subList(3, 6)).allSatisfy(busy -> assertThat(busy).isCompletedWithValue(AppAuthentication.BUSY));
        assertThat(answers.subList(0, 3)).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
        assertThat(join(checks.check("guess-6", HASH))).as("room again once they are done").isEqualTo(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenOneSecretCheckedManyTimesAtOnce_whenNotProvenBefore_thenOneSlowHashAnswersThemAll() {
        SecretChecks checks = new SecretChecks(1, 1);

        List<CompletionStage<AppAuthentication>> answers = IntStream.range(0, 20).mapToObj(i -> checks.check(SECRET, HASH)).toList();

        assertThat(answers).map(SecretChecksTest::join).containsOnly(AppAuthentication.ACCEPTED);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
