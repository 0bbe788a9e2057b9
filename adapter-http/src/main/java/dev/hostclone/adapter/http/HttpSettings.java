package dev.hostclone.adapter.http;

import dev.hostclone.adapter.http.i18n.Language;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Where the HTTP server listens ({@code port} 0 picks a free port), the language of messages when
 * a request names none, the largest request accepted, how many server instances share the port
 * (one per event loop, so requests spread over the cores), each app's requests per second on each
 * API, how long a silent connection is kept (so idle or stalled clients cannot hold them all), how
 * long a request may take to arrive and pass its checks before its use case is called, the port's
 * {@link HttpTls} ({@code null}: plain HTTP), how long a closing server lets the requests in flight
 * finish, how many connections its instances hold open together ({@code 0}: no cap), how long a
 * connection must have been idle to be closed, at the cap, for a new one, and the time zone of the times BlueKing
 * writes without one (the audit's {@code operation_time}, shown and read as its server's local time).
 */
public record HttpSettings(String host, int port, Language defaultLanguage, RequestLimits limits, int instances,
                           int rateLimitPerSecond, int idleTimeoutSeconds, int requestTimeoutSeconds, HttpTls tls,
                           int shutdownGraceSeconds, int maxConnections, int evictIdleAfterMillis, ZoneId timeZone) {

    /**
     * A connection that neither sends nor receives anything for this long is closed, and so is one that
     * takes longer to send a request head (counted from its opening or from its previous answer); not one
     * whose request has arrived and waits for its answer, however long that takes.
     */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

    /** A request whose use case has not been called this long after its head arrived is answered 503 / 1199002. */
    public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

    /** Requests per second each app may send to each API, as BlueKing's gateway allows. */
    public static final int DEFAULT_RATE_LIMIT_PER_SECOND = 100;

    public static final long DEFAULT_BODY_LIMIT_BYTES = RequestLimits.DEFAULT_BODY_BYTES;

    /**
     * How long {@link RunningHttpServer#close()} waits for the requests in flight to be answered, after
     * it stopped taking new connections and closed the idle ones: about a request's own bound (the
     * request timeout, then the store's), so that a rolling restart answers what it was asked.
     */
    public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;

    /**
     * Connections the server's instances hold open together; one more is answered 503 and closed. Four times
     * the load run's 128, and half the 1,024 descriptors a process gets by default where the JVM cannot raise
     * its soft limit, leaving the rest to the database's pools, the JVM's files and the refused connections.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 512;

    /**
     * At the cap, a new connection is taken by closing the one idle longest, if it has been idle this long: owing
     * no answer, with nothing of a next request read since its last (or since it opened). A second is far longer
     * than a busy pool leaves a connection between two requests, so that a pool in use is not churned, and far
     * shorter than a leaking pool or an idle client holds one.
     */
    public static final int DEFAULT_EVICT_IDLE_AFTER_MILLIS = 1_000;

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(timeZone, "timeZone");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1: " + instances);
        }
        if (rateLimitPerSecond < 0) {
            throw new IllegalArgumentException("rateLimitPerSecond must not be negative: " + rateLimitPerSecond);
        }
        if (idleTimeoutSeconds < 1) {
            throw new IllegalArgumentException("idleTimeoutSeconds must be at least 1: " + idleTimeoutSeconds);
        }
        if (requestTimeoutSeconds < 1) {
            throw new IllegalArgumentException("requestTimeoutSeconds must be at least 1: " + requestTimeoutSeconds);
        }
        if (shutdownGraceSeconds < 0) {
            throw new IllegalArgumentException("shutdownGraceSeconds must not be negative: " + shutdownGraceSeconds);
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections must not be negative: " + maxConnections);
        }
        if (evictIdleAfterMillis < 0) {
            throw new IllegalArgumentException("evictIdleAfterMillis must not be negative: " + evictIdleAfterMillis);
        }
    }

    /**
     * Chinese messages by default and the default request limits (a 1 MiB body, as BlueKing ships); one
     * instance; no rate limit (the standalone server sets {@link #DEFAULT_RATE_LIMIT_PER_SECOND} from its
     * configuration); plain HTTP; at most {@link #DEFAULT_MAX_CONNECTIONS} connections, one idle
     * {@link #DEFAULT_EVICT_IDLE_AFTER_MILLIS} closed at the cap for a new one; times in UTC.
     */
    public static HttpSettings of(String host, int port) {
        return new HttpSettings(host, port, Language.ZH_CN, RequestLimits.DEFAULT, 1, 0, DEFAULT_IDLE_TIMEOUT_SECONDS,
                DEFAULT_REQUEST_TIMEOUT_SECONDS, null, DEFAULT_SHUTDOWN_GRACE_SECONDS, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_EVICT_IDLE_AFTER_MILLIS, ZoneOffset.UTC);
    }

    public long bodyLimitBytes() {
        return limits.bodyBytes();
    }

    public HttpSettings withDefaultLanguage(Language language) {
        return new HttpSettings(host, port, language, limits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    public HttpSettings withBodyLimitBytes(long limit) {
        return withLimits(limits.withBodyBytes(limit));
    }

    public HttpSettings withLimits(RequestLimits newLimits) {
        return new HttpSettings(host, port, defaultLanguage, newLimits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    public HttpSettings withInstances(int count) {
        return new HttpSettings(host, port, defaultLanguage, limits, count, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    /** 0 turns the limit off. */
    public HttpSettings withRateLimitPerSecond(int perSecond) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, perSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    public HttpSettings withIdleTimeoutSeconds(int seconds) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, rateLimitPerSecond, seconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    public HttpSettings withRequestTimeoutSeconds(int seconds) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                seconds, tls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    /** {@code null}: plain HTTP. */
    public HttpSettings withTls(HttpTls newTls) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, newTls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    /** 0: requests in flight are cut off at once, with their connections. */
    public HttpSettings withShutdownGraceSeconds(int seconds) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, seconds, maxConnections, evictIdleAfterMillis, timeZone);
    }

    /** 0: no cap. */
    public HttpSettings withMaxConnections(int count) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, count, evictIdleAfterMillis, timeZone);
    }

    /**
     * 0: at the cap, any connection idle, however briefly, is closed for a new one, the longest idle first;
     * {@link Integer#MAX_VALUE} (24 days): in effect none, each new connection past the cap refused.
     */
    public HttpSettings withEvictIdleAfterMillis(int millis) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, maxConnections, millis, timeZone);
    }

    /** The zone of the audit's {@code operation_time}: BlueKing's callers read it as the server's local time. */
    public HttpSettings withTimeZone(ZoneId zone) {
        return new HttpSettings(host, port, defaultLanguage, limits, instances, rateLimitPerSecond, idleTimeoutSeconds,
                requestTimeoutSeconds, tls, shutdownGraceSeconds, maxConnections, evictIdleAfterMillis, zone);
    }
}
