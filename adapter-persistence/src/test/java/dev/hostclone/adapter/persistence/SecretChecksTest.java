package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.hostclone.adapter.persistence.SecretChecks.Answer;
import dev.hostclone.domain.access.AppAuthentication;
import java.time.Duration;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slow checks of secrets not proven before run off the caller's thread, a bounded number at
 * once; the rest are answered BUSY at once, and checks of one secret against one hash share one
 * slow hash; the waiting places are shared fairly between apps, and a secret found wrong is answered
 * at once when it comes again. Each slow hash is held inside its derivation until the test lets it
 * through ({@link HeldPbkdf2}), so what is under way, and what waits, is the test's choice, never the
 * machine's speed. Until 2026-12-07 a hash of five times a real one's iterations stood for the hold,
 * which a test descheduled for a tenth of a second would have outrun.
 */
class SecretChecksTest {

    private static final String SECRET = "s3cret";
    private static final String OTHER_SECRET = "0ther";
    /** Far beyond anything here takes: only a check left waiting reaches it. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private HeldPbkdf2 held;
    private String hash;
    private String otherHash;
    private String thirdHash;

    @BeforeEach
    void holdTheSlowHashes() {
        held = HeldPbkdf2.install();
        hash = held.hash(SECRET);
        otherHash = held.hash(OTHER_SECRET);
        thirdHash = held.hash("th1rd");
    }

    @AfterEach
    void letThemGo() {
        if (held != null) {
            held.close();
        }
    }

    @Test
    void givenASecretNotProvenBefore_whenChecked_thenTheSlowHashRunsOnAThreadOfItsOwn() throws InterruptedException {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        String checkedOn = letThroughAndJoin(checks.check(SECRET, hash)
                .thenApply(accepted -> accepted + " on " + Thread.currentThread().getName()));

        assertThat(checkedOn).startsWith("ACCEPTED on hostclone-secret-check-");
    }

    /** A JVM that embeds HostClone exits when its own threads are done, whatever checks ran. */
    @Test
    void givenASecretNotProvenBefore_whenChecked_thenItsThreadDoesNotKeepTheJvmRunning() throws InterruptedException {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        boolean daemon = letThroughAndJoin(checks.check(SECRET, hash).thenApply(accepted -> Thread.currentThread().isDaemon()));

        assertThat(daemon).isTrue();
    }

    @Test
    void givenASecretProvenBefore_whenChecked_thenAcceptedAtOnceWhileGuessesWait() throws InterruptedException {
        // room for both guesses whether or not the thread has gone back for work since the proof
        SecretChecks checks = new SecretChecks(1, 2, 16);
        letThroughAndJoin(checks.check(SECRET, hash));
        List<CompletionStage<AppAuthentication>> guesses = List.of(checks.check("guess-1", hash), checks.check("guess-2", hash));
        held.awaitHeld(1, WAIT);

        CompletionStage<AppAuthentication> proven = checks.check(SECRET, hash);

        assertThat(proven.toCompletableFuture()).isCompletedWithValue(AppAuthentication.ACCEPTED);
        assertThat(guesses).map(CompletionStage::toCompletableFuture).allSatisfy(guess -> assertThat(guess).isNotDone());
        held.letEveryCheckThrough();
        assertThat(guesses).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenMoreGuessesAtOnceThanRunAndWait_whenChecked_thenTheRestAreBusyAtOnce() {
        SecretChecks checks = new SecretChecks(1, 2, 16);

        List<CompletableFuture<AppAuthentication>> answers = IntStream.range(0, 6)
                .mapToObj(i -> checks.check("guess-" + i, hash).toCompletableFuture()).toList();

        assertThat(answers.subList(3, 6)).allSatisfy(busy -> assertThat(busy).isCompletedWithValue(AppAuthentication.BUSY));
        assertThat(answers.subList(0, 3)).allSatisfy(running -> assertThat(running).isNotDone());
        held.letEveryCheckThrough();
        assertThat(answers.subList(0, 3)).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
        assertThat(join(checks.check("guess-6", hash))).as("room again once they are done").isEqualTo(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenOneSecretCheckedManyTimesAtOnce_whenNotProvenBefore_thenOneSlowHashAnswersThemAll() throws InterruptedException {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        List<CompletionStage<AppAuthentication>> answers = IntStream.range(0, 20).mapToObj(i -> checks.check(SECRET, hash)).toList();
        held.awaitHeld(1, WAIT);
        held.letEveryCheckThrough();

        assertThat(answers).map(SecretChecksTest::join).containsOnly(AppAuthentication.ACCEPTED);
        assertThat(counts(checks)).containsEntry(Answer.HASHED, 1L).containsEntry(Answer.SHARED, 19L);
    }

    @Test
    void givenChecksAnsweredEachWay_whenCounted_thenEachIsCountedByHowItWasAnswered() throws InterruptedException {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        List<CompletionStage<AppAuthentication>> twice = List.of(checks.check(SECRET, hash), checks.check(SECRET, hash));
        letThroughAndJoin(twice.get(0));
        join(twice.get(1));
        join(checks.check(SECRET, hash));
        letThroughAndJoin(checks.check("guess", hash));
        join(checks.check("guess", hash));

        assertThat(counts(checks)).containsExactly(entry(Answer.PROVEN_BEFORE, 1L), entry(Answer.REMEMBERED_WRONG, 1L),
                entry(Answer.SHARED, 1L), entry(Answer.HASHED, 2L), entry(Answer.BUSY, 0L));
    }

    @Test
    void givenMoreGuessesAtOnceThanRunAndWait_whenCounted_thenTheWaitingOneAndTheBusyOneShow() {
        SecretChecks checks = new SecretChecks(1, 1, 16);

        List<CompletionStage<AppAuthentication>> answers = IntStream.range(0, 3).mapToObj(i -> checks.check("guess-" + i, hash))
                .toList();

        assertThat(checks.waitingNow()).isEqualTo(1);
        held.letEveryCheckThrough();
        answers.forEach(SecretChecksTest::join);
        assertThat(checks.waitingNow()).isZero();
        assertThat(counts(checks)).containsEntry(Answer.HASHED, 2L).containsEntry(Answer.BUSY, 1L);
    }

    @Test
    void givenOneAppsGuessesHoldEveryWaitingPlace_whenAnotherAppIsChecked_thenItTakesThePlaceOfTheNewestGuess() {
        SecretChecks checks = new SecretChecks(1, 2, 16);
        List<CompletableFuture<AppAuthentication>> guesses = IntStream.range(0, 3)
                .mapToObj(i -> checks.check("guess-" + i, hash).toCompletableFuture()).toList();

        CompletionStage<AppAuthentication> otherApp = checks.check(OTHER_SECRET, otherHash);

        assertThat(guesses.get(2)).as("the newest guess gave up its place").isCompletedWithValue(AppAuthentication.BUSY);
        assertThat(guesses.subList(0, 2)).allSatisfy(kept -> assertThat(kept).isNotDone());
        held.letEveryCheckThrough();
        assertThat(join(otherApp)).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(guesses.subList(0, 2)).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    /** Each slow hash let through alone, and the next seen under way, shows the order the thread takes them in. */
    @Test
    void givenOneAppsGuessesWaiting_whenAnotherAppIsChecked_thenItsCheckRunsAtTheAppsNextTurn() throws InterruptedException {
        SecretChecks checks = new SecretChecks(1, 8, 16);
        List<CompletableFuture<AppAuthentication>> guesses = IntStream.range(0, 5)
                .mapToObj(i -> checks.check("guess-" + i, hash).toCompletableFuture()).toList();
        CompletableFuture<AppAuthentication> otherApp = checks.check(OTHER_SECRET, otherHash).toCompletableFuture();

        // the first guess ran at once; the guesses' app had one turn before the other's, then the other its own;
        // each answer is given before the thread takes its next check
        letTheNextThrough();
        letTheNextThrough();
        held.awaitHeld(1, WAIT);
        assertThat(guesses.subList(0, 2)).allSatisfy(done -> assertThat(done).isCompletedWithValue(AppAuthentication.WRONG_SECRET));
        assertThat(otherApp).isNotDone();
        letTheNextThrough();
        held.awaitHeld(1, WAIT);
        assertThat(otherApp).isCompletedWithValue(AppAuthentication.ACCEPTED);
        assertThat(guesses.subList(2, 5)).allSatisfy(waiting -> assertThat(waiting).isNotDone());
        held.letEveryCheckThrough();
        assertThat(guesses).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenEveryWaitingPlaceHeldByADifferentApp_whenAThirdAppIsChecked_thenItIsBusy() {
        SecretChecks checks = new SecretChecks(1, 2, 16);
        List<CompletableFuture<AppAuthentication>> placed = List.of(checks.check("guess-0", hash).toCompletableFuture(),
                checks.check("guess-1", hash).toCompletableFuture(), checks.check("guess", otherHash).toCompletableFuture());

        CompletionStage<AppAuthentication> third = checks.check("guess", thirdHash);

        assertThat(third.toCompletableFuture()).as("no app holds two places more than the third").isCompletedWithValue(AppAuthentication.BUSY);
        assertThat(placed).allSatisfy(kept -> assertThat(kept).isNotDone());
        held.letEveryCheckThrough();
        assertThat(placed).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenASecretFoundWrong_whenItComesAgain_thenWrongAtOnceWhileAnotherWrongOneIsHashed() throws InterruptedException {
        SecretChecks checks = new SecretChecks(1, 2, 16);
        assertThat(letThroughAndJoin(checks.check("old-secret", hash))).isEqualTo(AppAuthentication.WRONG_SECRET);

        CompletionStage<AppAuthentication> again = checks.check("old-secret", hash);
        CompletionStage<AppAuthentication> another = checks.check("other-secret", hash);
        CompletionStage<AppAuthentication> againstAnotherHash = checks.check("old-secret", otherHash);

        assertThat(again.toCompletableFuture()).isCompletedWithValue(AppAuthentication.WRONG_SECRET);
        assertThat(List.of(another, againstAnotherHash)).map(CompletionStage::toCompletableFuture)
                .allSatisfy(slow -> assertThat(slow).isNotDone());
        held.letEveryCheckThrough();
        assertThat(List.of(another, againstAnotherHash)).map(SecretChecksTest::join).containsOnly(AppAuthentication.WRONG_SECRET);
    }

    @Test
    void givenMoreWrongSecretsThanItRemembers_whenTheLeastRecentComesAgain_thenItIsHashedAgain() throws InterruptedException {
        SecretChecks checks = new SecretChecks(1, 2, 2);
        letThroughAndJoin(checks.check("wrong-1", hash));
        letThroughAndJoin(checks.check("wrong-2", hash));
        assertThat(checks.check("wrong-1", hash).toCompletableFuture()).as("remembered, and now the most recent").isDone();
        letThroughAndJoin(checks.check("wrong-3", hash));

        assertThat(checks.check("wrong-1", hash).toCompletableFuture()).as("asked for again since wrong-2").isDone();
        CompletableFuture<AppAuthentication> forgotten = checks.check("wrong-2", hash).toCompletableFuture();
        assertThat(forgotten).isNotDone();
        assertThat(letThroughAndJoin(forgotten)).isEqualTo(AppAuthentication.WRONG_SECRET);
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

    /** The answer of the one check under way (or about to be), let through. */
    private <T> T letThroughAndJoin(CompletionStage<T> stage) throws InterruptedException {
        letTheNextThrough();
        return join(stage);
    }

    /** Waits for a slow hash under way, the only one, and lets it through. */
    private void letTheNextThrough() throws InterruptedException {
        held.awaitHeld(1, WAIT);
        assertThat(held.heldNow()).as("the only check under way").isOne();
        held.letThrough(1);
    }

    /** The answer, or a failure once it is 30 s late: a check left waiting must fail its test, not hang the build. */
    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static Map<Answer, Long> counts(SecretChecks checks) {
        Map<Answer, Long> counts = new EnumMap<>(Answer.class);
        for (Answer answer : Answer.values()) {
            counts.put(answer, checks.answered(answer));
        }
        return counts;
    }
}
