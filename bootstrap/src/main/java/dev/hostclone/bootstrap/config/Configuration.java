package dev.hostclone.bootstrap.config;

import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.HttpTls;
import dev.hostclone.adapter.http.RequestLimits;
import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.bootstrap.retention.AuditPruning;
import dev.hostclone.domain.access.AccessPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the server is configured with, read once at start by {@link ConfigurationReader} and
 * handed inward as typed values. {@code apps} maps app codes to secrets, each in clear or as its
 * hash ({@code SecretHashing}); empty means "generate one";
 * {@code requestLimits} bound what one request may hold; {@code storeTimeout} bounds every wait for
 * the database (connect, pool, statement); {@code startTimeoutSeconds} bounds a start's wait for its store to open,
 * migrations included, and for its apps to be registered; {@code memoryAuditRecords} is how many audit records the
 * memory storage keeps, the newest (0: all); {@code requestTimeoutSeconds} bounds how long a request may take to
 * arrive and pass its checks before its use case is called; {@code httpTls} makes the port HTTPS
 * ({@code null}: plain HTTP); {@code shutdownGraceSeconds} is how long a stopping server lets the
 * requests in flight finish; {@code auditRetention} is how long an audit record is kept before it is deleted
 * ({@code null}: every record is kept); {@code httpMaxConnections} is how many connections the HTTP instances
 * hold open together (0: no cap); {@code timeZone} is the zone of the audit's {@code operation_time}.
 */
public record Configuration(
        String httpHost,
        int httpPort,
        HttpTls httpTls,
        int httpInstances,
        Storage storage,
        Map<String, String> apps,
        Set<String> administrators,
        String language,
        Path dataDirectory,
        String postgresUrl,
        RequestLimits requestLimits,
        Duration storeTimeout,
        int startTimeoutSeconds,
        int memoryAuditRecords,
        int rateLimitPerSecond,
        int httpIdleTimeoutSeconds,
        int requestTimeoutSeconds,
        int shutdownGraceSeconds,
        Duration auditRetention,
        int httpMaxConnections,
        ZoneId timeZone) {

    public Configuration {
        Objects.requireNonNull(httpHost, "httpHost");
        if (httpInstances < 1) {
            throw new IllegalArgumentException("httpInstances must be at least 1: " + httpInstances);
        }
        Objects.requireNonNull(storage, "storage");
        apps = Map.copyOf(withoutNull(apps));
        administrators = AccessPolicy.copyOfAdministrators(administrators);
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(requestLimits, "requestLimits");
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        Objects.requireNonNull(timeZone, "timeZone");
        if (startTimeoutSeconds < 1 || startTimeoutSeconds > ConfigurationReader.MAX_START_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("startTimeoutSeconds must be within 1.."
                    + ConfigurationReader.MAX_START_TIMEOUT_SECONDS + ": " + startTimeoutSeconds);
        }
        if (memoryAuditRecords < 0) {
            throw new IllegalArgumentException("memoryAuditRecords must not be negative: " + memoryAuditRecords);
        }
        if (rateLimitPerSecond < 0) {
            throw new IllegalArgumentException("rateLimitPerSecond must not be negative: " + rateLimitPerSecond);
        }
        if (shutdownGraceSeconds < 0) {
            throw new IllegalArgumentException("shutdownGraceSeconds must not be negative: " + shutdownGraceSeconds);
        }
        if (auditRetention != null) {
            AuditPruning.requireWholeDays(auditRetention, "auditRetention");
        }
        if (httpMaxConnections < 0) {
            throw new IllegalArgumentException("httpMaxConnections must not be negative: " + httpMaxConnections);
        }
    }

    /** {@code apps}, refused naming the app, never a secret, if it holds a null code or secret. */
    private static Map<String, String> withoutNull(Map<String, String> apps) {
        apps.forEach((code, secret) -> {
            if (code == null) {
                throw new NullPointerException("apps holds a null where an app's code belongs");
            }
            if (secret == null) {
                throw new NullPointerException("apps holds app '" + code + "' with a null secret");
            }
        });
        return apps;
    }

    /**
     * As a record prints itself, but with each app's secret (in clear, or its hash, which a secret can be guessed
     * from) and whatever of the PostgreSQL URL may hold a secret masked, as {@link PgSettings} prints itself:
     * nothing logs a configuration, but a line added later, an exception's message or a debugger may print one.
     */
    @Override
    public String toString() {
        String appCodes = apps.keySet().stream().sorted().map(code -> code + "=***")
                .collect(Collectors.joining(", ", "{", "}"));
        return "Configuration[httpHost=" + httpHost + ", httpPort=" + httpPort + ", httpTls=" + httpTls
                + ", httpInstances=" + httpInstances + ", storage=" + storage + ", apps=" + appCodes
                + ", administrators=" + administrators + ", language=" + language + ", dataDirectory=" + dataDirectory
                + ", postgresUrl=" + (postgresUrl == null ? null : PgSettings.redacted(postgresUrl))
                + ", requestLimits=" + requestLimits + ", storeTimeout=" + storeTimeout
                + ", startTimeoutSeconds=" + startTimeoutSeconds + ", memoryAuditRecords=" + memoryAuditRecords
                + ", rateLimitPerSecond=" + rateLimitPerSecond
                + ", httpIdleTimeoutSeconds=" + httpIdleTimeoutSeconds + ", requestTimeoutSeconds=" + requestTimeoutSeconds
                + ", shutdownGraceSeconds=" + shutdownGraceSeconds + ", auditRetention=" + auditRetention
                + ", httpMaxConnections=" + httpMaxConnections + ", timeZone=" + timeZone + "]";
    }

    /**
     * Defaults with an in-memory store, an ephemeral port served by two instances (so requests really
     * run on several event loops), no rate limit and the given apps: what tests and demos start from.
     */
    public static Configuration inMemory(Map<String, String> apps, Set<String> administrators) {
        return new Configuration("127.0.0.1", 0, null, 2, Storage.MEMORY, apps, administrators, "zh-cn",
                Path.of(ConfigurationReader.DEFAULT_DATA_DIR), null, RequestLimits.DEFAULT,
                ConfigurationReader.DEFAULT_STORE_TIMEOUT, ConfigurationReader.DEFAULT_START_TIMEOUT_SECONDS,
                AuditRetention.DEFAULT_KEPT, 0,
                HttpSettings.DEFAULT_IDLE_TIMEOUT_SECONDS, HttpSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS,
                HttpSettings.DEFAULT_SHUTDOWN_GRACE_SECONDS, null, HttpSettings.DEFAULT_MAX_CONNECTIONS, ZoneOffset.UTC);
    }

    public Configuration withStorage(Storage newStorage, Path newDataDirectory, String newPostgresUrl) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, newStorage, apps, administrators, language,
                newDataDirectory, newPostgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    public Configuration withRequestLimits(RequestLimits newLimits) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, newLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    public Configuration withHttpTls(HttpTls tls) {
        return new Configuration(httpHost, httpPort, tls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    public Configuration withStoreTimeout(Duration timeout) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, timeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    /** How long a start waits for its store to open, migrations included, and for its apps to be registered. */
    public Configuration withStartTimeoutSeconds(int seconds) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, seconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    public Configuration withHttpIdleTimeoutSeconds(int seconds) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, seconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    /** Requests per second each app may send to each API; 0 turns the limit off. */
    public Configuration withRateLimitPerSecond(int perSecond) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                perSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    /** How long a stopping server lets the requests in flight finish; 0 cuts them off. */
    public Configuration withShutdownGraceSeconds(int seconds) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, seconds,
                auditRetention, httpMaxConnections, timeZone);
    }

    /** Connections the HTTP instances hold open together; 0: no cap. */
    public Configuration withHttpMaxConnections(int count) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, count, timeZone);
    }

    /** How long an audit record is kept before it is deleted; {@code null} keeps every record. */
    public Configuration withAuditRetention(Duration retention) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                retention, httpMaxConnections, timeZone);
    }

    /** The zone of the audit's {@code operation_time}, shown and read as BlueKing shows its server's local time. */
    public Configuration withTimeZone(ZoneId zone) {
        return new Configuration(httpHost, httpPort, httpTls, httpInstances, storage, apps, administrators, language,
                dataDirectory, postgresUrl, requestLimits, storeTimeout, startTimeoutSeconds, memoryAuditRecords,
                rateLimitPerSecond, httpIdleTimeoutSeconds, requestTimeoutSeconds, shutdownGraceSeconds,
                auditRetention, httpMaxConnections, zone);
    }
}
