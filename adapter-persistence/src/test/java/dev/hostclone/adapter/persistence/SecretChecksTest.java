package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.hostclone.adapter.persistence.SecretChecks.Answer;
import dev.hostclone.domain.access.AppAuthentication;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The slow checks of secrets not proven before run off the caller's thread, a bounded number at
 * once; the rest are answered BUSY at once, and checks of one secret against one hash share one
 * slow hash; the waiting places are shared fairly between apps, and a secret found wrong is answered
 * at once when it comes again. The hash here has five times the iterations of a real one, so that
 * each slow check takes a tenth of a second or more, against microseconds between the checks a test
 * starts together.
 */
class SecretChecksTest {

    private static final String SECRET = "s3cret";
    private static final String HASH = SecretHashing.hash(SECRET, 300_000);
    private static final String OTHER_SECRET = "0ther";
    private static final String OTHER_HASH = SecretHashing.hash(OTHER_SECRET, 300_000);
    private static final String THIRD_HASH = SecretHashing.hash("th1rd", 300_000);

    @Test
    void givenASecretNotProvenBefore_whenChecked_thenTheSlowHashRunsOnAThreadOfItsOwn() {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        String checkedOn = join(checks.check(SECRET, HASH).thenApply(accepted -> accepted + " on " + Thread.currentThread().getName()));

        assertThat(checkedOn).startsWith("ACCEPTED on hostclone-secret-check-");
    }

    /** A JVM that embeds HostClone exits when its own threads are done, whatever checks ran. */
    @Test
    void givenASecretNotProvenBefore_whenChecked_thenItsThreadDoesNotKeepTheJvmRunning() {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        boolean daemon = join(checks.check(SECRET, HASH).thenApply(accepted -> Thread.currentThread().isDaemon()));

        assertThat(daemon).isTrue();
    }

    @Test
    void givenASecretProvenBefore_whenChecked_thenAcceptedAtOnceWhileGuessesWait() {
        // room for both guesses whether or not the thread has gone back for work since the proof
        SecretChecks checks = new SecretChecks(1, 2, 16);
        join(checks.check(SECRET, HASH));
        List<CompletionStage<AppAuthentication>> guesses = List.of(checks.check("guess-1", HASH), checks.check("guess-2", HASH));

        CompletionStage<AppAuthentication> proven = checks.check(SECRET, HASH);

        assertThat(proven.toCompletableFuture()).isCompletedWithValue(AppAuthentication.ACCEPTED);
        assertThat(guesses).map(CompletionStage::toCompletableFuture).allSatisfy(guess -> assertThat(guess).isNotDone());
        assertThat(guesses).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenMoreGuessesAtOnceThanRunAndWait_whenChecked_thenTheRestAreBusyAtOnce() {
        SecretChecks checks = new SecretChecks(1, 2, 16);

        List<CompletableFuture<AppAuthentication>> answers = IntStream.range(0, 6)
                .mapToObj(i -> checks.check("guess-" + i, HASH).toCompletableFuture()).toList();

        assertThat(answers.subList(3, 6)).allSatisfy(busy -> assertThat(busy).isCompletedWithValue(AppAuthentication.BUSY));
        assertThat(answers.subList(0, 3)).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
        assertThat(join(checks.check("guess-6", HASH))).as("room again once they are done").isEqualTo(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenOneSecretCheckedManyTimesAtOnce_whenNotProvenBefore_thenOneSlowHashAnswersThemAll() {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        List<CompletionStage<AppAuthentication>> answers = IntStream.range(0, 20).mapToObj(i -> checks.check(SECRET, HASH)).toList();

        assertThat(answers).map(SecretChecksTest::join).containsOnly(AppAuthentication.ACCEPTED);
    }

    @Test
    void givenChecksAnsweredEachWay_whenCounted_thenEachIsCountedByHowItWasAnswered() {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        List.of(checks.check(SECRET, HASH), checks.check(SECRET, HASH)).forEach(SecretChecksTest::join);
        join(checks.check(SECRET, HASH));
        join(checks.check("guess", HASH));
        join(checks.check("guess", HASH));

        assertThat(counts(checks)).containsExactly(entry(Answer.PROVEN_BEFORE, 1L), entry(Answer.REMEMBERED_WRONG, 1L),
                entry(Answer.SHARED, 1L), entry(Answer.HASHED, 2L), entry(Answer.BUSY, 0L));
    }

    @Test
    void givenMoreGuessesAtOnceThanRunAndWait_whenCounted_thenTheWaitingOneAndTheBusyOneShow() {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        List<CompletionStage<AppAuthentication>> answers = IntStream.range(0, 3).mapToObj(i -> checks.check("guess-" + i, HASH))
                .toList();

        assertThat(checks.waitingNow()).isEqualTo(1);
        answers.forEach(SecretChecksTest::join);
        assertThat(checks.waitingNow()).isZero();
        assertThat(counts(checks)).containsEntry(Answer.HASHED, 2L).containsEntry(Answer.BUSY, 1L);
    }

    @Test
    void givenOneAppsGuessesHoldEveryWaitingPlace_whenAnotherAppIsChecked_thenItTakesThePlaceOfTheNewestGuess() {
        SecretChecks checks = new SecretChecks(1, 2, 16);
        List<CompletableFuture<AppAuthentication>> guesses = IntStream.range(0, 3)
                .mapToObj(i -> checks.check("guess-" + i, HASH).toCompletableFuture()).toList();

        CompletionStage<AppAuthentication> otherApp = checks.check(OTHER_SECRET, OTHER_HASH);

        assertThat(guesses.get(2)).as("the newest guess gave up its place").isCompletedWithValue(AppAuthentication.BUSY);
        assertThat(join(otherApp)).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(guesses.subList(0, 2)).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenOneAppsGuessesWaiting_whenAnotherAppIsChecked_thenItsCheckRunsAtTheAppsNextTurn() {
        SecretChecks checks = new SecretChecks(1, 8, 16);
        List<CompletableFuture<AppAuthentication>> guesses = IntStream.range(0, 5)
                .mapToObj(i -> checks.check("guess-" + i, HASH).toCompletableFuture()).toList();

        assertThat(join(checks.check(OTHER_SECRET, OTHER_HASH))).isEqualTo(AppAuthentication.ACCEPTED);

        // the first guess ran at once; the guesses' app had one turn before the other's, then the other its own
        assertThat(guesses.subList(0, 2)).allSatisfy(done -> assertThat(done).isDone());
        assertThat(guesses.subList(3, 5)).allSatisfy(waiting -> assertThat(waiting).isNotDone());
        assertThat(guesses).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenEveryWaitingPlaceHeldByADifferentApp_whenAThirdAppIsChecked_thenItIsBusy() {
        SecretChecks checks = new SecretChecks(1, 2, 16);
        List<CompletableFuture<AppAuthentication>> held = List.of(checks.check("guess-0", HASH).toCompletableFuture(),
                checks.check("guess-1", HASH).toCompletableFuture(), checks.check("guess", OTHER_HASH).toCompletableFuture());

        CompletionStage<AppAuthentication> third = checks.check("guess", THIRD_HASH);

        assertThat(third.toCompletableFuture()).as("no app holds two places more than the third").isCompletedWithValue(AppAuthentication.BUSY);
        assertThat(held).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenASecretFoundWrong_whenItComesAgain_thenWrongAtOnceWhileAnotherWrongOneIsHashed() {
        SecretChecks checks = new SecretChecks(1, 2, 16);
        assertThat(join(checks.check("old-secret", HASH))).isEqualTo(AppAuthentication.WRONG_SECRET);

        CompletionStage<AppAuthentication> again = checks.check("old-secret", HASH);
        CompletionStage<AppAuthentication> another = checks.check("other-secret", HASH);
        CompletionStage<AppAuthentication> againstAnotherHash = checks.check("old-secret", OTHER_HASH);

        assertThat(again.toCompletableFuture()).isCompletedWithValue(AppAuthentication.WRONG_SECRET);
        assertThat(List.of(another, againstAnotherHash)).map(CompletionStage::toCompletableFuture)
                .allSatisfy(slow -> assertThat(slow).isNotDone());
        assertThat(List.of(another, againstAnotherHash)).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenMoreWrongSecretsThanItRemembers_whenTheLeastRecentComesAgain_thenItIsHashedAgain() {
        SecretChecks checks = new SecretChecks(1, 2, 2);
        for (String wrong : List.of("wrong-1", "wrong-2", "wrong-1", "wrong-3")) {
            join(checks.check(wrong, HASH));
        }

        assertThat(checks.check("wrong-1", HASH).toCompletableFuture()).as("asked for again since wrong-2").isDone();
        CompletableFuture<AppAuthentication> forgotten = checks.check("wrong-2", HASH).toCompletableFuture();
        assertThat(forgotten).isNotDone();
        assertThat(join(forgotten)).isEqualTo(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenManyCallersCheckingSeveralAppsAtOnce_whenTheirChecksQueue_thenEachIsAnsweredAndNoneWrongly() throws Exception {
        SecretChecks checks = new SecretChecks(2, 3, 16);
        List<String> hashes = IntStream.range(0, 3).mapToObj(app -> SecretHashing.hash("app-" + app, 5_000)).toList();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<CompletableFuture<AppAuthentication>>>> sent = IntStream.range(0, 8)
                    .mapToObj(caller -> callers.submit(() -> IntStream.range(0, 200)
                            .mapToObj(i -> checks.check(i % 5 == 0 ? "app-" + i % 3 : "guess-" + caller + "-" + i, hashes.get(i % 3))
                                    .toCompletableFuture())
                            .toList()))
                    .toList();

            for (Future<List<CompletableFuture<AppAuthentication>>> caller : sent) {
                List<CompletableFuture<AppAuthentication>> answers = caller.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < answers.size(); i++) {
                    assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).as("check %d", i)
                            .isIn(AppAuthentication.BUSY, i % 5 == 0 ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** The answer, or a failure once it is 30 s late: a check left waiting must fail its test, not hang the build. */
    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static Map<Answer, Long> counts(SecretChecks checks) {
        Map<Answer, Long> counts = new EnumMap<>(Answer.class);
        for (Answer answer : Answer.values()) {
            counts.put(answer, checks.answered(answer));
        }
        return counts;
    }
}
