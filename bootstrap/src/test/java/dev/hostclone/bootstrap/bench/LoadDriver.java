package dev.hostclone.bootstrap.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Drives HTTP load with Vert.x on its own event loop, two ways:
 * <ul>
 *   <li>{@link #closedLoop}: {@code connections} callers, each sending its next request when the
 *       previous one is answered: the highest throughput the server sustains at that concurrency;</li>
 *   <li>{@link #fixedRate}: requests sent on a fixed schedule whatever the answers do, latency measured
 *       from the moment each request was due, not from when it was sent. A stall therefore counts for
 *       every request it delayed (no coordinated omission), as in wrk2.</li>
 * </ul>
 * A request succeeds when the answer is HTTP 200 with BlueKing code 0.
 */
final class LoadDriver implements AutoCloseable {

    static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    /**
     * How long a request's answer is waited for before it fails as an error (the calls' idle timeout): a lost answer
     * hung a closed loop's connection, and the run with it, until 2026-12-07.
     */
    static final long ANSWER_TIMEOUT_MILLIS = TimeUnit.NANOSECONDS.toMillis(MAX_LATENCY_NANOS);

    /**
     * Below the server's idle timeout (60 s by default): a connection the pool left unused that long
     * could be closed by the server just as the client picks it for a request, an error that no
     * server log shows. The client lets go first, as clients of any keep-alive server should.
     */
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final Pattern ENVELOPE_CODE = Pattern.compile("\"code\":(-?\\d+)");
    /**
     * A JVM's JIT counts as settled over a warm-up in which it compiled for less than this, the
     * generator's here as the server's in {@link LoadRun}. A fixed-rate warm-up is repeated until it
     * is: the schedule's timer path is not the closed loop's, and on two busy cores the C2 compiler
     * took a third of a core for its first 8 s, so the first seconds measured paid for the generator
     * compiling (p99 10–20 ms against 4–8 ms after).
     */
    static final long JIT_SETTLED_MILLIS = 100;
    private static final int FIXED_RATE_WARMUP_MAX_REPEATS = 6;

    private final Vertx vertx;
    private final int port;
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private volatile Warmup lastWarmup = new Warmup(0, 0);

    /**
     * {@code nativeTransport}: Netty's epoll transport where the platform has it (NIO otherwise, see
     * {@link #transport}). At a fixed rate the generator's event loop wakes for nearly every answer:
     * on NIO, 2,700 requests/s over 128 connections cost that loop 108 µs of CPU per request (the
     * selector and the clock about half of it) and the generator a fifth of two shared cores, which the
     * server and the database then lacked; on epoll, 64 µs (docs/performance-history.md).
     */
    LoadDriver(int port, boolean nativeTransport) {
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(nativeTransport));
    }

    /** The {@code nativeTransport} the run asked for ({@code -DnativeTransport}, true unless it says false). */
    static boolean nativeTransportAsked() {
        return Boolean.parseBoolean(System.getProperty("nativeTransport", "true"));
    }

    /** Which transport the generator's event loop runs on, and why not the native one if it was asked for. */
    String transport() {
        if (vertx.isNativeTransportEnabled()) {
            return "native (epoll)";
        }
        Throwable cause = vertx.unavailableNativeTransportCause();
        return cause == null ? "NIO" : "NIO (native transport unavailable: " + cause.getMessage() + ")";
    }

    /** What to do with each slice of a fixed-rate run as it ends (print it, look at the server). */
    @FunctionalInterface
    interface SliceListener {
        void sliceDone(Result slice) throws IOException, InterruptedException;
    }

    /** Told when a fixed-rate run's warm-up is over and its measured schedule begins (to read a meter then). */
    @FunctionalInterface
    interface Measuring {
        void starts() throws IOException, InterruptedException;
    }

    /** How long the last fixed-rate warm-up ran, and how long this JVM compiled in its last repetition. */
    record Warmup(long millis, long compilingMillis) {

        boolean settled() {
            return compilingMillis < JIT_SETTLED_MILLIS;
        }
    }

    /**
     * One request to send: method, path, headers, body. Its options must bound the wait for an answer (an idle
     * timeout, {@link #ANSWER_TIMEOUT_MILLIS} in a run): the soak's updates had none until 2026-12-08, and one
     * lost answer would have held their connection, and the soak, for good.
     */
    record Call(RequestOptions options, Buffer body) {

        Call {
            if (options.getIdleTimeout() <= 0) {
                throw new IllegalArgumentException("a call to " + options.getURI() + " without an idle timeout would"
                        + " wait for a lost answer for good");
            }
        }
    }

    /**
     * What a run measured; {@code serverCpu} is the CPU time the server used meanwhile, all threads;
     * {@code kdamondTicks} the kernel's DAMON threads' ({@link Kdamond}), which take cores from both sides;
     * {@code stealTicks} the time the hypervisor gave the machine's cores to others ({@link MachineCpu}).
     * {@code startedAt} is the wall-clock start, to match a run against the database's log;
     * {@code perSecond} holds a fixed-rate run's latencies by the second each request was due (empty
     * for a closed loop), to tell a steady tail from a stall of a few seconds.
     */
    record Result(long successes, long errors, double seconds, Histogram latencyNanos, Duration serverCpu,
                  Duration generatorCpu, long kdamondTicks, long stealTicks, Instant startedAt,
                  List<Histogram> perSecond) {

        double throughput() {
            return successes / seconds;
        }

        /** How long the measured run lasted, in the whole seconds its second-by-second histograms cover. */
        Duration length() {
            return Duration.ofSeconds(perSecond.size());
        }

        /** Server CPU per answered request, in microseconds: what one request costs the server. */
        double serverCpuMicrosPerRequest() {
            return serverCpu.toNanos() / 1e3 / Math.max(1, successes + errors);
        }

        /**
         * The load generator's own CPU per request, in microseconds, all its threads: with the server's,
         * where two shared cores went (on the loopback, a sender's system time carries the receiver's
         * TCP processing and its wake-up).
         */
        double generatorCpuMicrosPerRequest() {
            return generatorCpu.toNanos() / 1e3 / Math.max(1, successes + errors);
        }

        /** The server's and the load generator's CPU per request together: what one request cost the cores they share. */
        double serverAndGeneratorCpuMicrosPerRequest() {
            return serverCpuMicrosPerRequest() + generatorCpuMicrosPerRequest();
        }

        /** The share of the machine's cores the kernel's DAMON threads took meanwhile, in percent. */
        double kdamondPercent() {
            return ProcessCpu.percentOfCores(kdamondTicks, seconds);
        }

        /** The share of the machine's cores the hypervisor gave to others meanwhile, in percent. */
        double stealPercent() {
            return ProcessCpu.percentOfCores(stealTicks, seconds);
        }

        double millis(double percentile) {
            return latencyNanos.getValueAtPercentile(percentile) / 1e6;
        }

        /** The given percentile of each second, in milliseconds, rounded: "1 1 2 38 41 2 …". */
        String perSecondMillis(double percentile) {
            return perSecond.stream()
                    .map(second -> String.valueOf(Math.round(second.getValueAtPercentile(percentile) / 1e6)))
                    .collect(Collectors.joining(" "));
        }
    }

    Result closedLoop(int connections, Supplier<Call> calls, long warmupMillis, long measureMillis,
                      Supplier<Duration> serverCpu) throws InterruptedException {
        HttpClientAgent client = client(connections);
        try {
            run(client, connections, calls, warmupMillis, new Histogram(MAX_LATENCY_NANOS, 3), serverCpu);
            return run(client, connections, calls, measureMillis, new Histogram(MAX_LATENCY_NANOS, 3), serverCpu);
        } finally {
            client.close().await();
        }
    }

    private Result run(HttpClientAgent client, int connections, Supplier<Call> calls, long millis, Histogram histogram,
                       Supplier<Duration> serverCpu) throws InterruptedException {
        Duration cpuBefore = serverCpu.get();
        Duration ownCpuBefore = ownCpu();
        long kdamondBefore = Kdamond.HERE.ticks();
        long stealBefore = MachineCpu.HERE.stealTicks();
        AtomicLong successes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(millis);
        CountDownLatch done = new CountDownLatch(connections);
        vertx.runOnContext(go -> {
            for (int i = 0; i < connections; i++) {
                loop(client, calls, deadline, histogram, successes, errors, done);
            }
        });
        done.await();
        return new Result(successes.get(), errors.get(), (System.nanoTime() - started) / 1e9, histogram,
                serverCpu.get().minus(cpuBefore), ownCpu().minus(ownCpuBefore), Kdamond.HERE.since(kdamondBefore),
                MachineCpu.HERE.stealSince(stealBefore), startedAt, List.of());
    }

    private void loop(HttpClientAgent client, Supplier<Call> calls, long deadline, Histogram histogram,
                      AtomicLong successes, AtomicLong errors, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= deadline) {
            done.countDown();
            return;
        }
        send(client, calls.get(), ok -> {
            long now = System.nanoTime();
            // a failed request's time is no clone's latency: counted as an error alone (until 2026-12-07 in both)
            if (ok) {
                histogram.recordValue(Math.min(now - sent, MAX_LATENCY_NANOS));
                successes.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            loop(client, calls, deadline, histogram, successes, errors, done);
        });
    }

    /**
     * {@code rate} requests per second over at most {@code connections} connections: first for
     * {@code warmupMillis}, not measured, so that the connections are open before the schedule
     * that counts (a fresh client's first second otherwise measures connection set-up), repeated
     * until this JVM's JIT has settled (see {@link #lastWarmup}), then for {@code measureMillis}.
     */
    Result fixedRate(int connections, double rate, Supplier<Call> calls, long warmupMillis, long measureMillis,
                     Supplier<Duration> serverCpu) throws IOException, InterruptedException {
        return fixedRate(connections, rate, calls, warmupMillis, measureMillis, serverCpu, () -> { });
    }

    /**
     * As {@link #fixedRate(int, double, Supplier, long, long, Supplier)}, telling {@code measuring} when
     * the warm-up is over and the measured schedule begins, so that meters read then cover that alone.
     */
    Result fixedRate(int connections, double rate, Supplier<Call> calls, long warmupMillis, long measureMillis,
                     Supplier<Duration> serverCpu, Measuring measuring) throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        fixedRate(connections, rate, calls, warmupMillis, measureMillis, 1, serverCpu, measuring, results::add);
        return results.get(0);
    }

    /**
     * As {@link #fixedRate(int, double, Supplier, long, long, Supplier)}, measured in {@code slices}
     * consecutive slices of {@code sliceMillis} on the same connections; each slice's result goes to
     * {@code sliceDone} as soon as the slice is answered.
     */
    void fixedRate(int connections, double rate, Supplier<Call> calls, long warmupMillis, long sliceMillis, int slices,
                   Supplier<Duration> serverCpu, SliceListener sliceDone) throws IOException, InterruptedException {
        fixedRate(connections, rate, calls, warmupMillis, sliceMillis, slices, serverCpu, () -> { }, sliceDone);
    }

    private void fixedRate(int connections, double rate, Supplier<Call> calls, long warmupMillis, long sliceMillis,
                           int slices, Supplier<Duration> serverCpu, Measuring measuring, SliceListener sliceDone)
            throws IOException, InterruptedException {
        HttpClientAgent client = client(connections);
        try {
            // an empty young generation to start from: at the schedule's allocation rate the generator's
            // (see GeneratorPauses) then does not fill within a phase; a full run's earlier phases had left
            // it to collect once in each, 3-6 ms counted against the server
            System.gc();
            if (warmupMillis > 0) {
                lastWarmup = warmUp(client, rate, calls, warmupMillis, serverCpu);
            }
            measuring.starts();
            for (int slice = 0; slice < slices; slice++) {
                sliceDone.sliceDone(schedule(client, rate, calls, sliceMillis, serverCpu));
            }
        } finally {
            client.close().await();
        }
    }

    /** Repeats the schedule for {@code millis} until this JVM's JIT has settled. */
    private Warmup warmUp(HttpClientAgent client, double rate, Supplier<Call> calls, long millis,
                          Supplier<Duration> serverCpu) throws InterruptedException {
        int repeats = 0;
        long compiling;
        do {
            long before = compilationMillis();
            schedule(client, rate, calls, millis, serverCpu);
            compiling = compilationMillis() - before;
            repeats++;
        } while (compiling >= JIT_SETTLED_MILLIS && repeats < FIXED_RATE_WARMUP_MAX_REPEATS);
        return new Warmup(repeats * millis, compiling);
    }

    /** The CPU time this JVM (the generator) has used so far, all threads; read as {@link ServerProcess#cpuTime} reads the server's. */
    static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** How long this JVM's (the generator's) JIT has compiled so far, in milliseconds. */
    static long compilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** The last fixed-rate run's warm-up. */
    Warmup lastWarmup() {
        return lastWarmup;
    }

    private Result schedule(HttpClientAgent client, double rate, Supplier<Call> calls, long measureMillis,
                            Supplier<Duration> serverCpu) throws InterruptedException {
        Duration cpuBefore = serverCpu.get();
        Duration ownCpuBefore = ownCpu();
        long kdamondBefore = Kdamond.HERE.ticks();
        long stealBefore = MachineCpu.HERE.stealTicks();
        Histogram histogram = new Histogram(MAX_LATENCY_NANOS, 3);
        List<Histogram> perSecond = Stream.generate(() -> new Histogram(MAX_LATENCY_NANOS, 2))
                .limit((measureMillis + 999) / 1000).toList();
        AtomicLong successes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long total = (long) (rate * measureMillis / 1000.0);
        double intervalNanos = 1e9 / rate;
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong answered = new AtomicLong();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        long[] issued = {0};
        vertx.runOnContext(go -> vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (issued[0] < total && started + (long) (issued[0] * intervalNanos) <= now) {
                long due = started + (long) (issued[0] * intervalNanos);
                issued[0]++;
                Histogram second = perSecond.get((int) Math.min(perSecond.size() - 1, (due - started) / 1_000_000_000L));
                send(client, calls.get(), ok -> {
                    long latency = Math.min(System.nanoTime() - due, MAX_LATENCY_NANOS);
                    histogram.recordValue(latency);
                    second.recordValue(latency);
                    (ok ? successes : errors).incrementAndGet();
                    if (answered.incrementAndGet() == total) {
                        done.countDown();
                    }
                });
            }
            if (issued[0] >= total) {
                vertx.cancelTimer(timer);
            }
        }));
        boolean finished = done.await(measureMillis + 60_000, TimeUnit.MILLISECONDS);
        long unanswered = finished ? 0 : total - answered.get();
        if (unanswered > 0) {
            countErrors("no answer within 60 s of the slice's end", unanswered);
        }
        return new Result(successes.get(), errors.get() + unanswered, (System.nanoTime() - started) / 1e9, histogram,
                serverCpu.get().minus(cpuBefore), ownCpu().minus(ownCpuBefore), Kdamond.HERE.since(kdamondBefore),
                MachineCpu.HERE.stealSince(stealBefore), startedAt, perSecond);
    }

    private void send(HttpClientAgent client, Call call, Consumer<Boolean> answered) {
        client.request(call.options())
                .compose(request -> request.send(call.body()))
                .compose(response -> response.body().map(body -> {
                    boolean success = response.statusCode() == 200 && isSuccess(body);
                    if (!success) {
                        countError("HTTP " + response.statusCode() + " " + code(body));
                    }
                    return success;
                }))
                .onComplete(outcome -> {
                    if (outcome.failed()) {
                        countError(outcome.cause().getClass().getSimpleName() + ": " + outcome.cause().getMessage());
                    }
                    answered.accept(outcome.succeeded() && outcome.result());
                });
    }

    /** Every error this driver has met so far, by kind (status and code, the client's exception, or no answer), most frequent first. */
    String errorKinds() {
        return errorKinds.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum)).reversed())
                .map(kind -> kind.getValue().sum() + " × " + kind.getKey())
                .collect(Collectors.joining("; "));
    }

    private void countError(String kind) {
        countErrors(kind, 1);
    }

    private void countErrors(String kind, long count) {
        errorKinds.computeIfAbsent(kind, ignored -> new LongAdder()).add(count);
    }

    private static String code(Buffer body) {
        Matcher code = ENVELOPE_CODE.matcher(body.toString());
        return code.find() ? "code " + code.group(1) : "no envelope code";
    }

    private static boolean isSuccess(Buffer body) {
        String text = body.toString();
        return text.contains("\"code\":0,") || text.startsWith("{\"status\"");
    }

    private HttpClientAgent client(int connections) {
        return vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost("127.0.0.1")
                        .setDefaultPort(port)
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                        .setPipelining(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
