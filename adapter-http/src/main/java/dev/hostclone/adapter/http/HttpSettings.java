package dev.hostclone.adapter.http;

import dev.hostclone.adapter.http.i18n.Language;
import java.util.Objects;

/**
 * Where the HTTP server listens ({@code port} 0 picks a free port), the language of messages when
 * a request names none, the largest request body accepted, and how many server instances share
 * the port (one per event loop, so requests spread over the cores).
 */
public record HttpSettings(String host, int port, Language defaultLanguage, long bodyLimitBytes, int instances) {

    public static final long DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        if (bodyLimitBytes <= 0) {
            throw new IllegalArgumentException("bodyLimitBytes must be positive: " + bodyLimitBytes);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1: " + instances);
        }
    }

    /** Chinese messages by default and a 1 MiB body limit, as BlueKing ships; one server instance. */
    public static HttpSettings of(String host, int port) {
        return new HttpSettings(host, port, Language.ZH_CN, DEFAULT_BODY_LIMIT_BYTES, 1);
    }

    public HttpSettings withDefaultLanguage(Language language) {
        return new HttpSettings(host, port, language, bodyLimitBytes, instances);
    }

    public HttpSettings withBodyLimitBytes(long limit) {
        return new HttpSettings(host, port, defaultLanguage, limit, instances);
    }

    public HttpSettings withInstances(int count) {
        return new HttpSettings(host, port, defaultLanguage, bodyLimitBytes, count);
    }
}
