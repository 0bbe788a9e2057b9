package dev.hostclone.adapter.http.metrics;

import dev.hostclone.application.port.in.CloneOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * HostClone's own meters, kept in the registry that {@code /metrics} exposes: every API request
 * by API, door, BlueKing code and HTTP status (Prometheus {@code hostclone_http_requests_seconds_*}), what
 * clones came to ({@code hostclone_clone_outcomes_total}), requests over their app's rate
 * ({@code hostclone_http_rate_limited_total}), the server's connections under its cap
 * ({@code hostclone_http_connections_open}, {@code hostclone_http_connections_refused_total}), and the request
 * bodies under its budget ({@code hostclone_http_bodies_held_bytes}, {@code hostclone_http_bodies_refused_total}),
 * and the answers of {@code /readyz} ({@code hostclone_readiness_answers_total}).
 */
public final class HttpMetrics {

    public static final String REQUESTS = "hostclone.http.requests";
    public static final String CLONE_OUTCOMES = "hostclone.clone.outcomes";
    public static final String CONNECTIONS = "hostclone.http.connections";
    public static final String RATE_LIMITED = "hostclone.http.rate.limited";
    public static final String BODIES = "hostclone.http.bodies";
    public static final String READINESS = "hostclone.readiness.answers";

    private final PrometheusMeterRegistry registry;
    private final Counter changed;
    private final Counter noop;
    private final Counter rejected;
    private final Counter ready;
    private final Counter notReady;
    private final Map<Series, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();

    public HttpMetrics(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.changed = cloneOutcome("changed");
        this.noop = cloneOutcome("noop");
        this.rejected = cloneOutcome("rejected");
        this.ready = readinessAnswer("UP");
        this.notReady = readinessAnswer("DOWN");
    }

    /**
     * One {@code /readyz} answer: counted by its status, both registered at 0, so that a server that was not ready
     * between two scrapes, or between a probe's tries, shows it in {@code increase()} even where the probe's own
     * history is gone.
     */
    public void readiness(boolean isReady) {
        (isReady ? ready : notReady).increment();
    }

    private Counter readinessAnswer(String status) {
        return Counter.builder(READINESS)
                .description("Answers of /readyz, by status: UP (200) or DOWN (503)")
                .tag("status", status)
                .register(registry);
    }

    /**
     * One request, answered with {@code code} and {@code status} (each "-" when the connection closed before the
     * answer was written). The status beside the code: one code is answered with several statuses (1199997 is 429
     * for an app over its rate or secrets too many to check, 503 for a connection past the cap; 1199003 is 400, 405, 414, 415, 431, 501 or 505),
     * and an availability objective counts the 5xx (until 2026-12-07 only the access log had it).
     */
    public void request(String api, String door, String code, String status, long elapsedNanos) {
        requestTimers.computeIfAbsent(new Series(api, door, code, status), this::requestTimer)
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Registered once per series and then looked up here: building and registering it for every
     * request (a builder, its tags sorted, the registry's own lookup) cost a request about a
     * microsecond. APIs, doors, codes and statuses are finite, and so are the series.
     */
    private Timer requestTimer(Series series) {
        return LatencyBuckets.on(Timer.builder(REQUESTS)
                        .description("API requests by API, door, BlueKing code and HTTP status")
                        .tags("api", series.api(), "door", series.door(), "code", series.code(), "status", series.status()))
                .register(registry);
    }

    private record Series(String api, String door, String code, String status) {
    }

    /**
     * A request refused for its app's rate on {@code api} (429 / 1199997): of the three refusals that code answers, the
     * one no other meter counts (a secret's check too busy is {@code hostclone_secret_checks_total{answer="busy"}}, a
     * connection past the cap {@code hostclone_http_connections_refused_total}).
     */
    public void rateLimited(String api) {
        rateLimited.computeIfAbsent(api, this::rateLimitedCounter).increment();
    }

    /**
     * The rate-limit counter of each of {@code apis}, registered at 0: an alert on a rise, or Prometheus'
     * {@code increase()}, has a series to read before the first refusal, and counts that one too.
     */
    public void rateLimitedOn(Collection<String> apis) {
        apis.forEach(api -> rateLimited.computeIfAbsent(api, this::rateLimitedCounter));
    }

    private Counter rateLimitedCounter(String api) {
        return Counter.builder(RATE_LIMITED)
                .description("API requests refused for their app's rate on the API, 429 / 1199997, by API")
                .tag("api", api)
                .register(registry);
    }

    /** A clone that succeeded: it changed the destination, or had nothing to write. */
    public void cloned(CloneOutcome outcome) {
        (outcome instanceof CloneOutcome.Cloned ? changed : noop).increment();
    }

    /**
     * A clone its use case refused for a business reason (hosts, business, permission), not a technical fault;
     * a clone refused before its use case was called is no outcome.
     */
    public void cloneRejected() {
        rejected.increment();
    }

    /**
     * The connections {@code source} holds open under the cap, those it refused for being past it, and the idle
     * ones it closed there for new ones, each read when scraped; {@code source} is kept by the meters, so it lives
     * as long as the registry.
     */
    public <T> void connections(T source, ToDoubleFunction<T> open, ToDoubleFunction<T> refused,
                                ToDoubleFunction<T> evicted) {
        Gauge.builder(CONNECTIONS + ".open", source, open)
                .description("HTTP connections open on the server, each holding a place under its cap")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder(CONNECTIONS + ".refused", source, refused)
                .description("HTTP connections refused for being past the server's cap: each request on one answered"
                        + " 503 / 1199997, then closed")
                .register(registry);
        FunctionCounter.builder(CONNECTIONS + ".evicted", source, evicted)
                .description("Idle HTTP connections closed at the server's cap, the longest idle first, each to take a"
                        + " new one")
                .register(registry);
    }

    /**
     * The bytes of request bodies {@code source} holds under its budget now, and the requests it refused for
     * being past it, both read when scraped; {@code source} is kept by the meters, as by {@link #connections}.
     */
    public <T> void bodies(T source, ToDoubleFunction<T> heldBytes, ToDoubleFunction<T> refused) {
        Gauge.builder(BODIES + ".held", source, heldBytes)
                .description("Bytes of request bodies being read or held until answered, under the server's budget: a"
                        + " body declaring its length counts that, a chunked one the body limit")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder(BODIES + ".refused", source, refused)
                .description("Requests refused before their body was read, for the bodies held being at the server's"
                        + " budget: answered 503 / 1199997, then closed")
                .register(registry);
    }

    /** Every meter of the registry (these, the Vert.x pools', ...) in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    private Counter cloneOutcome(String outcome) {
        return Counter.builder(CLONE_OUTCOMES)
                .description("clone_host_property calls whose use case was called, by outcome: changed, noop, rejected")
                .tag("outcome", outcome)
                .register(registry);
    }
}
