package dev.hostclone.adapter.persistence;

import dev.hostclone.domain.access.AppAuthentication;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the stores check an app's secret against its stored hash ({@link SecretHashing}). A secret
 * proven before is checked at once, on the caller's thread: one SHA-256. Any other takes the slow
 * hash, about 20 ms of a core, which anyone may ask for by sending a wrong secret. So it runs on
 * threads of its own, never on an event loop: at most {@code threads} at once and {@code waitingPlaces}
 * more queued, and beyond that the answer is {@link AppAuthentication#BUSY} at once, so that guesses
 * cannot take the machine from the requests it serves. Checks of the same secret against the same
 * hash share the one running: a client's first burst after a start costs one slow hash, not one per
 * request. A secret found wrong is remembered as wrong against that hash (the last 1,024 such) and
 * answered at once when it comes again: a client left with an old secret after a rotation costs one
 * slow hash, not one per request it keeps sending.
 *
 * <p>The waiting places are shared fairly between apps (each app is its stored hash): the threads
 * take the apps' checks in turn, and when every place is taken, a check for an app holding fewer
 * places than another takes the place of that app's newest, which is answered BUSY. So a flood of
 * different wrong secrets for one app (someone guessing it) delays another app's first check by about
 * one check per app, rather than refusing it until the flood ends.
 */
public final class SecretChecks {

    /** How a check was answered: each is counted, for the server's meters. */
    public enum Answer {
        /** At once, the secret proven before against that hash. */
        PROVEN_BEFORE,
        /** At once, the secret found wrong before against that hash. */
        REMEMBERED_WRONG,
        /** By a slow check of the same secret already running. */
        SHARED,
        /** By a slow check of its own, the secret found right or wrong. */
        HASHED,
        /** BUSY at once, or when its waiting place went to another app's check. */
        BUSY
    }

    /** Half the cores: the other half keeps serving while guesses are hashed. */
    private static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** About 0.15 s of slow hashes per thread (18 ms each on a two-core machine): the longest wait in the queue. */
    private static final int DEFAULT_WAITING_PER_THREAD = 8;
    /** A few hundred kB at most: room for every client left with an old secret; guesses, never repeated, only pass through. */
    private static final int DEFAULT_REMEMBERED_WRONG = 1_024;
    private static final long IDLE_THREAD_SECONDS = 30;
    private static final AtomicInteger THREADS_MADE = new AtomicInteger();

    private final SecretHashing hashing = new SecretHashing();
    private final Map<Key, CompletableFuture<AppAuthentication>> running = new ConcurrentHashMap<>();
    /** Never queues more than {@code threads} tasks: each is a turn taker, and at most that many run. */
    private final ThreadPoolExecutor slowHashes;
    private final int threads;
    private final int waitingPlaces;
    /** Guarded by itself: each app's waiting checks, oldest first, in the order the apps take their turns. */
    private final Map<String, ArrayDeque<Check>> waitingByApp = new LinkedHashMap<>();
    private int turnTakers;
    /** Secrets found wrong against their hash, the least recently asked for first out; a secret once wrong stays wrong. */
    private final Map<Key, Boolean> provenWrong;
    private final Map<Answer, LongAdder> answered = new EnumMap<>(Answer.class);

    public SecretChecks() {
        this(DEFAULT_THREADS, DEFAULT_THREADS * DEFAULT_WAITING_PER_THREAD, DEFAULT_REMEMBERED_WRONG);
    }

    SecretChecks(int threads, int waitingPlaces, int rememberedWrong) {
        this.threads = threads;
        this.waitingPlaces = waitingPlaces;
        provenWrong = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > rememberedWrong;
            }
        });
        slowHashes = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), SecretChecks::daemon);
        slowHashes.allowCoreThreadTimeOut(true);
        for (Answer answer : Answer.values()) {
            answered.put(answer, new LongAdder());
        }
    }

    /** ACCEPTED or WRONG_SECRET for {@code secret} against {@code stored}; BUSY when too many slow checks are pending. */
    public CompletionStage<AppAuthentication> check(String secret, String stored) {
        byte[] digest = SecretHashing.sha256(stored, secret);
        if (hashing.provenBefore(digest, stored)) {
            count(Answer.PROVEN_BEFORE);
            return CompletableFuture.completedStage(AppAuthentication.ACCEPTED);
        }
        Key key = new Key(stored, ByteBuffer.wrap(digest));
        if (provenWrong.get(key) != null) {
            count(Answer.REMEMBERED_WRONG);
            return CompletableFuture.completedStage(AppAuthentication.WRONG_SECRET);
        }
        Check check = new Check(key, secret, new CompletableFuture<>());
        CompletableFuture<AppAuthentication> shared = running.putIfAbsent(check.key(), check.answer());
        if (shared != null) {
            count(Answer.SHARED);
            return shared;
        }
        admit(check);
        return check.answer();
    }

    private void admit(Check check) {
        Check refused;
        synchronized (waitingByApp) {
            if (turnTakers < threads) {
                turnTakers++;
                slowHashes.execute(() -> takeTurns(check));
                return;
            }
            refused = waiting() < waitingPlaces ? null : placeFor(check);
            if (refused != check) {
                waitingByApp.computeIfAbsent(check.stored(), app -> new ArrayDeque<>()).addLast(check);
            }
        }
        if (refused != null) {
            running.remove(refused.key(), refused.answer());
            count(Answer.BUSY);
            refused.answer().complete(AppAuthentication.BUSY);
        }
    }

    /** How many checks were answered so since this was made. */
    public long answered(Answer answer) {
        return answered.get(answer).sum();
    }

    /** How many slow checks wait for a thread now. */
    public int waitingNow() {
        synchronized (waitingByApp) {
            return waiting();
        }
    }

    private void count(Answer answer) {
        answered.get(answer).increment();
    }

    /**
     * With every place taken, the check that gives one up for {@code check}: the newest of the app
     * holding the most places, if that is at least two more than {@code check}'s app holds (taking
     * one from an app with one more would only swap the two), else {@code check} itself.
     */
    private Check placeFor(Check check) {
        ArrayDeque<Check> most = Collections.max(waitingByApp.values(), Comparator.comparingInt(ArrayDeque::size));
        ArrayDeque<Check> own = waitingByApp.get(check.stored());
        if (most.size() < (own == null ? 0 : own.size()) + 2) {
            return check;
        }
        return most.removeLast();
    }

    /** How many checks wait, over at most {@code waitingPlaces} apps. */
    private int waiting() {
        return waitingByApp.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** A thread's work: {@code first}, then the apps' waiting checks in turn, until none is left. */
    private void takeTurns(Check first) {
        for (Check check = first; check != null; check = nextTurn()) {
            try {
                boolean matches = hashing.matches(check.secret(), check.stored());
                if (!matches) {
                    provenWrong.put(check.key(), Boolean.TRUE);
                }
                count(Answer.HASHED);
                check.answer().complete(matches ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET);
            } catch (RuntimeException | Error failed) {
                // answered, and the thread goes on taking turns: a taker lost would leave checks waiting for ever
                check.answer().completeExceptionally(failed);
            } finally {
                running.remove(check.key(), check.answer());
            }
        }
    }

    /** The first app's oldest waiting check, that app going to the back of the turns; null, and one taker fewer, when none waits. */
    private Check nextTurn() {
        synchronized (waitingByApp) {
            Iterator<Map.Entry<String, ArrayDeque<Check>>> apps = waitingByApp.entrySet().iterator();
            if (!apps.hasNext()) {
                turnTakers--;
                return null;
            }
            Map.Entry<String, ArrayDeque<Check>> first = apps.next();
            apps.remove();
            Check next = first.getValue().removeFirst();
            if (!first.getValue().isEmpty()) {
                waitingByApp.put(first.getKey(), first.getValue());
            }
            return next;
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "hostclone-secret-check-" + THREADS_MADE.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /**
     * A secret against an app's hash, known by the hash and the digest of the two, never the secret:
     * what a running check and a secret found wrong are kept under.
     */
    private record Key(String stored, ByteBuffer digest) {
    }

    /** A slow check to run; its secret is kept only until then. */
    private record Check(Key key, String secret, CompletableFuture<AppAuthentication> answer) {

        String stored() {
            return key.stored();
        }
    }
}
