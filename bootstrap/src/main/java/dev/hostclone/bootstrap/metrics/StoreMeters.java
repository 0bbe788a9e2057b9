package dev.hostclone.bootstrap.metrics;

import dev.hostclone.domain.failure.RejectedException;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long each storage operation takes, from the call to its out-port to the completion of the stage
 * it returns (Prometheus {@code hostclone_store_operations_seconds_*}, by operation and outcome). On
 * PostgreSQL that is the wait for a connection, the round trips, the commit's wait for the WAL's
 * flush, and the event loop's wait to read the answer: set beside a request's own latency, it says
 * whether a slow request was slow in the store or around it.
 *
 * <p>Every storage port is wrapped by one decorator ({@link #timed}), not timed in the store: the ports
 * are many, each returns a {@code CompletionStage}, and the operation is the method's name
 * ({@code updateHost}, {@code findHostsByInnerIp}, …), which is unique among them. A server on
 * PostgreSQL makes one over its registry, and so does
 * {@link dev.hostclone.bootstrap.HostClone#onPostgres(String, java.util.Set, MeterRegistry)} over the
 * embedding application's; public for them and for the JMH benchmark of its cost.
 */
public final class StoreMeters {

    private static final Logger LOG = LoggerFactory.getLogger(StoreMeters.class);

    /** The timers' name, which an embedding application finds in its own registry too. */
    public static final String OPERATIONS = "hostclone.store.operations";

    /** The range of the server's round buckets ({@code LatencyBuckets}), for the percentile histogram. */
    private static final Duration FASTEST = Duration.ofNanos(10_000);
    private static final Duration SLOWEST = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final Clock clock;
    private final UnaryOperator<Timer.Builder> histogram;

    /**
     * Timers into an embedding application's registry, whatever its kind: Micrometer's percentile histogram, which
     * each registry publishes its own way, over the range of the server's buckets. Not those buckets themselves:
     * they are the HTTP adapter's, which an embedding application's class path lacks, and in a registry other
     * than Prometheus's each bound would become a gauge of its own.
     */
    public StoreMeters(MeterRegistry registry) {
        this(registry, timer -> timer.publishPercentileHistogram().minimumExpectedValue(FASTEST).maximumExpectedValue(SLOWEST));
    }

    /** Timers into {@code registry}, each published as {@code histogram} makes it: the server's, its round buckets. */
    public StoreMeters(MeterRegistry registry, UnaryOperator<Timer.Builder> histogram) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.histogram = histogram;
    }

    /** {@code adapter} as {@code port}, each of its operations timed. */
    public <T> T timed(Class<T> port, T adapter) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, new Timing(port, adapter)));
    }

    /** What an operation came to: its stage completed, refused for a business reason, or failed. */
    private enum Outcome {
        OK, REJECTED, FAILED;

        static Outcome of(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause == null) {
                return OK;
            }
            return cause instanceof RejectedException ? REJECTED : FAILED;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Registered on an operation's first outcome of a kind: only the series that happen are exposed. */
    private Timer timer(String operation, Outcome outcome) {
        // the requests' buckets: a keyed read on PostgreSQL takes a few tenths of a millisecond, one answered from
        // the server's memory (a proven secret, the model) a few microseconds
        return histogram.apply(Timer.builder(OPERATIONS)
                        .description("storage operations by operation and outcome, from the call to the completion of its result")
                        .tags("operation", operation, "outcome", outcome.tag()))
                .register(registry);
    }

    /**
     * One method of a port, and its timer for each outcome once it has had one; found by the method the
     * proxy is called with, so that no key is built and hashed for every call.
     */
    private final class Operation {

        private final String name;
        private final AtomicReferenceArray<Timer> byOutcome = new AtomicReferenceArray<>(Outcome.values().length);

        Operation(String name) {
            this.name = name;
        }

        /**
         * Never throws: the operation has happened, a write committed, and a registry that refuses the timer (a meter
         * of another kind, or other tags, under its name) must not make its caller see a failure, as it did until
         * 2026-12-06. Such an outcome goes unmetered, said once for each operation and outcome (twice, should two
         * first calls meet the refusal at once).
         */
        void record(Throwable failure, long startedNanos) {
            Outcome outcome = Outcome.of(failure);
            Timer timer = byOutcome.get(outcome.ordinal());
            if (timer == null) {
                try {
                    // two first calls at once both register: the registry gives both the same timer
                    timer = timer(name, outcome);
                } catch (RuntimeException refused) {
                    // kept in its place, so that later calls record into nothing rather than ask the registry again
                    timer = new NoopTimer(new Meter.Id(OPERATIONS, Tags.of("operation", name, "outcome", outcome.tag()),
                            null, null, Meter.Type.TIMER));
                    LOG.warn("the registry refused the timer {} of operation {}, outcome {}: it goes unmetered ({})",
                            OPERATIONS, name, outcome.tag(), refused.toString());
                }
                byOutcome.set(outcome.ordinal(), timer);
            }
            timer.record(clock.monotonicTime() - startedNanos, TimeUnit.NANOSECONDS);
        }
    }

    private final class Timing implements InvocationHandler {

        private final Object adapter;
        private final Map<Method, Operation> operations = new HashMap<>();

        Timing(Class<?> port, Object adapter) {
            this.adapter = adapter;
            for (Method method : port.getMethods()) {
                operations.put(method, new Operation(method.getName()));
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, arguments);
            }
            Operation operation = operations.get(method);
            long started = clock.monotonicTime();
            Object result;
            try {
                result = method.invoke(adapter, arguments);
            } catch (InvocationTargetException thrown) {
                operation.record(thrown.getCause(), started);
                throw thrown.getCause();
            }
            // the caller continues from the stage returned here, so the time is taken before its continuations run
            // (a CompletableFuture runs the continuations of one stage last-registered first); a failure reaches
            // it wrapped in a CompletionException, which every caller unwraps anyway, as a chained stage's would be
            return result instanceof CompletionStage<?> stage
                    ? stage.whenComplete((ignored, failure) -> operation.record(failure, started))
                    : result;
        }

        private Object objectMethod(Object proxy, Method method, Object[] arguments) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "timed " + adapter;
            };
        }
    }
}
