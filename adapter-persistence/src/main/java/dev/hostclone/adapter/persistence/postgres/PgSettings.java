package dev.hostclone.adapter.persistence.postgres;

import io.vertx.pgclient.SslMode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL store connects and how: server, credentials, pool size, the store timeout,
 * whether to LISTEN for host-model changes (engines without LISTEN/NOTIFY turn it off), and TLS. The
 * timeout bounds every wait for the server: opening a connection, waiting for one from the pool, and
 * one statement (as PostgreSQL's {@code statement_timeout}).
 */
public record PgSettings(String host, int port, String database, String user, String password, int poolSize,
                         Duration timeout, boolean listenForModelChanges, PgTls tls) {

    public static final int DEFAULT_PORT = 5432;
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The parameters a URL may set, in the order a refusal lists them. */
    private static final List<String> SUPPORTED_PARAMETERS =
            List.of("pool_size", "connect_timeout", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword");
    /**
     * Parameters a message may name: libpq's, and ours. Any other text between an {@code &} and an {@code =}
     * may be part of a password whose {@code &} was not escaped.
     */
    private static final Set<String> NAMED_PARAMETERS = Set.of("pool_size", "host", "hostaddr", "port", "dbname",
            "user", "password", "passfile", "require_auth", "channel_binding", "connect_timeout", "client_encoding",
            "options", "application_name", "fallback_application_name", "keepalives", "keepalives_idle",
            "keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication", "gssencmode", "sslmode",
            "sslnegotiation", "requiressl", "sslcompression", "sslcert", "sslkey", "sslcertmode", "sslpassword",
            "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version",
            "ssl_max_protocol_version", "krbsrvname", "gsslib", "gssdelegation", "service", "target_session_attrs",
            "load_balance_hosts");
    /** Parameters whose values a message may show: none of them holds a secret. */
    private static final Set<String> SHOWN_PARAMETERS =
            Set.of("pool_size", "connect_timeout", "sslmode", "sslrootcert", "sslcert", "sslkey");
    private static final String MASK = "***";
    private static final Pattern SCHEME = Pattern.compile("(jdbc:)?postgres(ql)?:(//)?",
            Pattern.CASE_INSENSITIVE);

    public PgSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tls, "tls");
        password = password == null ? "" : password;
        if (host.isBlank() || database.isBlank() || user.isBlank()) {
            throw new IllegalArgumentException("PostgreSQL host, database and user must not be blank");
        }
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException("PostgreSQL port out of range: " + port);
        }
        if (poolSize <= 0) {
            throw new IllegalArgumentException("pool size must be positive: " + poolSize);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("store timeout must be positive: " + timeout);
        }
    }

    /** The defaults for everything but the server and credentials ({@link PgTls#PREFERRED}, as libpq's). */
    public PgSettings(String host, int port, String database, String user, String password) {
        this(host, port, database, user, password, DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT, true, PgTls.PREFERRED);
    }

    /**
     * Parses {@code postgresql://user:pass@host:port/db} (also {@code postgres://} and a leading {@code jdbc:}).
     * The port defaults to 5432 and the database to the user, as libpq does; the query may set
     * {@code pool_size}, {@code connect_timeout} (seconds: the store timeout), and libpq's
     * {@code sslmode} (default {@code prefer}; {@code verify-full} with {@code sslrootcert=system}),
     * {@code sslrootcert}, {@code sslcert}, {@code sslkey} and {@code sslpassword} (see {@link PgTls}).
     * Anything else is refused, not ignored: libpq's {@code user} and {@code password} parameters, a parameter
     * given twice, and an {@code @} after the host (a password's unescaped character ended its part early).
     * Error messages show the URL with whatever may hold a password masked ({@link #redacted}).
     */
    public static PgSettings fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // the reason alone: the exception's own message, and so its trace, holds the URL in clear
            throw new IllegalArgumentException("not a PostgreSQL URL: " + redacted(url) + ": " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("PostgreSQL URL must start with postgresql:// or postgres://: " + redacted(url));
        }
        if (uri.getRawAuthority() != null && Stream.of(uri.getRawPath(), uri.getRawQuery(), uri.getRawFragment()).anyMatch(part -> part != null
                && part.indexOf('@') >= 0)) {
            // a password's unescaped / ? # or @ ended the user information early: read so, the rest of the
            // password would be the host, the database or a parameter, and shown wherever they are
            throw new IllegalArgumentException("PostgreSQL URL has an @ after its host: write a password's @ / ? # as"
                    + " %40 %2F %3F %23, and an @ in the database or a parameter as %40: " + redacted(url));
        }
        // before the parameters: a password's ? with no @ after it leaves the rest of it in a port
        Authority authority = Authority.of(uri, url);
        int poolSize = DEFAULT_POOL_SIZE;
        Duration timeout = DEFAULT_TIMEOUT;
        SslMode sslMode = null;
        Path rootCertificates = null;
        Path clientCertificate = null;
        Path clientKey = null;
        String clientKeyPassword = null;
        Set<String> given = new HashSet<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    // not named: a pair without '=' may be a value pasted in the wrong place
                    throw new IllegalArgumentException("PostgreSQL URL parameters must be name=value: " + redacted(url));
                }
                String name = decode(pair.substring(0, equals));
                String value = decode(pair.substring(equals + 1));
                if (!SUPPORTED_PARAMETERS.contains(name)) {
                    throw unsupported(name, url);
                }
                if (!given.add(name)) {
                    // libpq takes the last; which one the operator meant, only the operator knows
                    throw new IllegalArgumentException("PostgreSQL URL parameter '" + name + "' is given twice");
                }
                switch (name) {
                    case "pool_size" -> poolSize = positiveInt(name, value);
                    case "connect_timeout" -> timeout = Duration.ofSeconds(positiveInt(name, value));
                    case "sslmode" -> sslMode = PgTls.mode(value);
                    case "sslrootcert" -> rootCertificates = path(name, value);
                    case "sslcert" -> clientCertificate = path(name, value);
                    case "sslkey" -> clientKey = path(name, value);
                    case "sslpassword" -> clientKeyPassword = value;
                    default -> throw unsupported(name, url);
                }
            }
        }
        String host = authority.host();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL names no host: " + redacted(url));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String user = null;
        String password = "";
        if (authority.rawUserInfo() != null) {
            String info = authority.rawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL names no user: " + redacted(url));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? decode(path.substring(1)) : decode(path);
        if (database.isEmpty()) {
            database = user;
        }
        return new PgSettings(host, authority.port() < 0 ? DEFAULT_PORT : authority.port(), database, user, password, poolSize,
                timeout, true, new PgTls(sslMode != null ? sslMode : PgTls.defaultMode(rootCertificates), rootCertificates,
                        clientCertificate, clientKey, clientKeyPassword));
    }

    public PgSettings withPoolSize(int size) {
        return new PgSettings(host, port, database, user, password, size, timeout, listenForModelChanges, tls);
    }

    public PgSettings withTimeout(Duration timeout) {
        return new PgSettings(host, port, database, user, password, poolSize, timeout, listenForModelChanges, tls);
    }

    public PgSettings withListenForModelChanges(boolean listen) {
        return new PgSettings(host, port, database, user, password, poolSize, timeout, listen, tls);
    }

    public PgSettings withTls(PgTls tls) {
        return new PgSettings(host, port, database, user, password, poolSize, timeout, listenForModelChanges, tls);
    }

    /**
     * The same server in JDBC form, TLS included, for Flyway; credentials travel separately. The
     * timeout bounds the whole login too, not only the TCP connect. The database's name is percent-encoded, as
     * pgjdbc decodes it: written raw until 2026-12-08, {@code my?db} sent Flyway to migrate a database {@code my}
     * while the pools served {@code my?db}, and {@code a+b} went to {@code a b}.
     */
    public String jdbcUrl() {
        String server = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        long seconds = Math.max(1, timeout.toSeconds());
        return "jdbc:postgresql://" + server + ":" + port + "/" + encode(database)
                + "?connectTimeout=" + seconds + "&loginTimeout=" + seconds + "&" + tls.jdbcParameters();
    }

    /** The settings as a URL ({@link #fromUrl} reads it back), password included: for configuration, not logs. */
    public String url() {
        String server = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String credentials = encode(user) + (password.isEmpty() ? "" : ":" + encode(password));
        return "postgresql://" + credentials + "@" + server + ":" + port + "/" + encode(database)
                + "?pool_size=" + poolSize + "&connect_timeout=" + Math.max(1, timeout.toSeconds())
                + "&sslmode=" + tls.mode().value
                + (tls.rootCertificates() == null ? "" : "&sslrootcert=" + encode(tls.rootCertificates().toString()))
                + (tls.clientCertificate() == null ? "" : "&sslcert=" + encode(tls.clientCertificate().toString())
                        + "&sslkey=" + encode(tls.clientKey().toString()))
                + (tls.clientKeyPassword() == null ? "" : "&sslpassword=" + encode(tls.clientKeyPassword()));
    }

    /** Never prints the password: settings end up in logs. */
    @Override
    public String toString() {
        return "PgSettings[" + user + "@" + host + ":" + port + "/" + database + ", poolSize=" + poolSize
                + ", timeout=" + timeout + ", listenForModelChanges=" + listenForModelChanges + ", sslmode=" + tls.mode().value
                + (tls.rootCertificates() == null ? "" : ", sslrootcert=" + tls.rootCertificates())
                + (tls.clientCertificate() == null ? "" : ", sslcert=" + tls.clientCertificate()) + "]";
    }

    /** Names a parameter of libpq's, or shows where an unknown one is: its text may be part of a password. */
    private static IllegalArgumentException unsupported(String name, String url) {
        String supported = " (supported: " + String.join(", ", SUPPORTED_PARAMETERS) + ")";
        if (name.equals("user") || name.equals("password")) {
            return new IllegalArgumentException("PostgreSQL URL parameter '" + name + "' is not supported: give the user"
                    + " and password before the host, postgresql://user:password@host:port/database");
        }
        return new IllegalArgumentException(NAMED_PARAMETERS.contains(name)
                ? "unsupported PostgreSQL URL parameter '" + name + "'" + supported
                : "unsupported PostgreSQL URL parameter" + supported + ": " + redacted(url));
    }

    /** ASCII digits alone, as the URL's port: the JDK's parse took {@code +8} and {@code ８} too (until 2026-12-06). */
    private static int positiveInt(String name, String value) {
        try {
            if (value.isEmpty() || !asciiDigits(value)) {
                throw new NumberFormatException(value);
            }
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the parameter's name
        }
        throw new IllegalArgumentException("PostgreSQL URL parameter '" + name + "' must be a positive integer: " + value);
    }

    /** Whether {@code text} holds ASCII digits alone; the JDK's parse takes any Unicode digit and a sign. */
    private static boolean asciiDigits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Path path(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL parameter '" + name + "' must name a file");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("PostgreSQL URL parameter '" + name + "' is not a file path: " + value, e);
        }
    }

    /** The URI has checked every %-escape of its raw parts already. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The URL with whatever may hold a secret masked, taken apart by structure rather than by the shapes a
     * password is expected in, since a malformed URL is the one a message shows. The user information is
     * masked however it ends: up to the last {@code @} (where libpq's reading of an unescaped one ends it),
     * and up to the host as {@link URI} reads it; so is a port that is no number (a password whose {@code @}
     * was left out), and every query value but those of {@link #SHOWN_PARAMETERS}, by their decoded names
     * ({@code password}, {@code sslpassword}, {@code %70assword} and a misspelt name alike, however often
     * repeated), in either reading, and a name that is not libpq's with its value. Without {@code //} only what follows the last {@code @} is shown, and a
     * URL that does not start with PostgreSQL's scheme not at all: a password given alone may hold a colon.
     * Public for whatever else prints a URL it holds as configured (the server's {@code Configuration}).
     */
    public static String redacted(String url) {
        Matcher scheme = SCHEME.matcher(url);
        if (!scheme.lookingAt()) {
            return MASK;
        }
        String prefix = scheme.group();
        String rest = url.substring(prefix.length());
        int at = rest.lastIndexOf('@');
        boolean[] hidden = new boolean[rest.length()];
        if (!prefix.endsWith("//") && at < 0) {
            return prefix + MASK;
        }
        Arrays.fill(hidden, 0, Math.max(at, 0), true);
        hideSecrets(rest, at + 1, hidden);
        if (prefix.endsWith("//")) {
            hideSecrets(rest, 0, hidden);
        }
        StringBuilder shown = new StringBuilder(prefix);
        for (int i = 0; i < rest.length(); i++) {
            if (!hidden[i]) {
                shown.append(rest.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                shown.append(MASK);
            }
        }
        return shown.toString();
    }

    /** Hides the user information, a port that is no number and the secret query values of the authority at {@code from}. */
    private static void hideSecrets(String rest, int from, boolean[] hidden) {
        int authorityEnd = from;
        while (authorityEnd < rest.length() && "/?#".indexOf(rest.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int hostFrom = rest.lastIndexOf('@', authorityEnd - 1) + 1;
        if (hostFrom > from) {
            Arrays.fill(hidden, from, hostFrom - 1, true);
        } else {
            hostFrom = from;
        }
        int bracket = rest.startsWith("[", hostFrom) ? rest.indexOf(']', hostFrom) : -1;
        int colon = rest.indexOf(':', bracket < 0 ? hostFrom : bracket);
        if (colon >= 0 && colon < authorityEnd
                && !rest.substring(colon + 1, authorityEnd).chars().allMatch(c -> c >= '0' && c <= '9')) {
            Arrays.fill(hidden, colon + 1, authorityEnd, true);
        }
        int query = rest.indexOf('?', authorityEnd);
        for (int pair = query + 1; query >= 0 && pair <= rest.length(); ) {
            int end = rest.indexOf('&', pair);
            end = end < 0 ? rest.length() : end;
            int equals = rest.indexOf('=', pair);
            boolean named = equals >= 0 && equals < end;
            String name = leniently(rest.substring(pair, named ? equals : end)).strip().toLowerCase(Locale.ROOT);
            if (!SHOWN_PARAMETERS.contains(name)) {
                Arrays.fill(hidden, named && NAMED_PARAMETERS.contains(name) ? equals + 1 : pair, end, true);
            }
            pair = end + 1;
        }
    }

    /** %-escapes decoded where they are whole, the rest kept: a message about a bad URL must not fail on it. */
    private static String leniently(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * A URL's user information, host and port (-1 when absent). {@link URI} parses a host name only when it
     * is one by RFC 2396's rules, and leaves host and port absent otherwise, though libpq connects to it: a
     * name with an underscore, as Docker Compose's services often have ({@code db_primary}). Such an
     * authority is taken apart here as libpq does: the user information up to its last {@code @}, then the
     * host (an IPv6 address in brackets) and an optional port.
     */
    private record Authority(String rawUserInfo, String host, int port) {

        static Authority of(URI uri, String url) {
            if (uri.getHost() != null || uri.getRawAuthority() == null) {
                return new Authority(uri.getRawUserInfo(), uri.getHost(), uri.getPort());
            }
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            String userInfo = at < 0 ? null : authority.substring(0, at);
            String hostAndPort = authority.substring(at + 1);
            int portFrom = hostAndPort.startsWith("[") ? hostAndPort.indexOf(']') + 1 : 0;
            int colon = hostAndPort.indexOf(':', portFrom);
            String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            String port = colon < 0 ? "" : hostAndPort.substring(colon + 1);
            if (!port.isEmpty() && !asciiDigits(port) || port.length() > 5) {
                throw new IllegalArgumentException("PostgreSQL URL has no valid port: " + redacted(url));
            }
            return new Authority(userInfo, host, port.isEmpty() ? -1 : Integer.parseInt(port));
        }
    }
}
