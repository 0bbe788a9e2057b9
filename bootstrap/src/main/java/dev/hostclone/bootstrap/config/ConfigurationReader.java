package dev.hostclone.bootstrap.config;

import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.HttpTls;
import dev.hostclone.adapter.http.RequestLimits;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.PgTls;
import dev.hostclone.bootstrap.retention.AuditPruning;
import dev.hostclone.domain.access.AccessPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@link Configuration} from environment variables, each also settable by a flag that wins
 * over it: {@code HOSTCLONE_HTTP_PORT=9000} or {@code --http-port=9000} (or {@code --http-port 9000}),
 * and by a line of the file {@code HOSTCLONE_CONFIG} names ({@link ConfigurationFile}), over which both win.
 */
public final class ConfigurationReader {

    static final String DEFAULT_DATA_DIR = "./hostclone-data";
    static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(5);
    /** How long a start waits for its PostgreSQL store to open by default: an embedding's default too. */
    public static final int DEFAULT_START_TIMEOUT_SECONDS = 60;
    /** A day: a migration longer than that is no start. An embedding's bound too. */
    public static final int MAX_START_TIMEOUT_SECONDS = 86_400;

    /** More instances than event loops only adds contexts to switch between. */
    static final int MAX_HTTP_INSTANCES = 256;

    /** The settings, in the order the README's table lists them. */
    enum Setting {
        CONFIG("HOSTCLONE_CONFIG", null, "a file of HOSTCLONE_NAME=value lines (# comments) setting what the"
                + " environment and flags do not"),
        HTTP_HOST("HOSTCLONE_HTTP_HOST", "0.0.0.0", "address to listen on"),
        HTTP_PORT("HOSTCLONE_HTTP_PORT", "8080", "port to listen on; 0 picks a free port (the log says which)"),
        HTTP_TLS_CERT("HOSTCLONE_HTTP_TLS_CERT", null, "PEM file of the server's certificate chain; with"
                + " HOSTCLONE_HTTP_TLS_KEY the port serves HTTPS only"),
        HTTP_TLS_KEY("HOSTCLONE_HTTP_TLS_KEY", null, "PEM file of that certificate's private key (PKCS #8, or PKCS #1 for RSA)"),
        HTTP_INSTANCES("HOSTCLONE_HTTP_INSTANCES", "cores", "HTTP server instances, one event loop each; cores: one per CPU core"),
        STORAGE("HOSTCLONE_STORAGE", "embedded", "embedded | postgres | memory"),
        DATA_DIR("HOSTCLONE_DATA_DIR", DEFAULT_DATA_DIR, "data directory of the embedded PostgreSQL; its log in log/ there,"
                + " its settings changed with ALTER SYSTEM and a restart"),
        PG_URL("HOSTCLONE_PG_URL", null, "postgresql://user:pass@host:port/db, for storage postgres; parameters:"
                + " pool_size=N (default " + PgSettings.DEFAULT_POOL_SIZE + "),"
                + " sslmode=disable|allow|prefer|require|verify-ca|verify-full (default prefer),"
                + " sslrootcert=FILE|system (the verify modes need it; system: the JVM's trust store, verify-full),"
                + " sslcert=FILE and sslkey=FILE (a client certificate), sslpassword=... (its key's, if encrypted);"
                + " connect_timeout is taken, and HOSTCLONE_STORE_TIMEOUT used in its place"),
        STORE_TIMEOUT("HOSTCLONE_STORE_TIMEOUT", DEFAULT_STORE_TIMEOUT.toSeconds() + "s",
                "longest wait for the database (connect, pool, statement): 5s, 1500ms, or milliseconds"),
        START_TIMEOUT("HOSTCLONE_START_TIMEOUT", String.valueOf(DEFAULT_START_TIMEOUT_SECONDS),
                "seconds a start waits for its PostgreSQL store to open (Flyway's migrations included) and to"
                        + " register its apps; an upgrade whose migration reads millions of hosts may need more"),
        MEMORY_AUDIT_RECORDS("HOSTCLONE_MEMORY_AUDIT_RECORDS", String.valueOf(AuditRetention.DEFAULT_KEPT),
                "audit records the memory storage keeps, the newest, fewer if they weigh more than a quarter of the"
                        + " heap; older ones are forgotten, and the audit APIs no longer find them; 0 keeps all, until"
                        + " the heap is full"),
        AUDIT_RETENTION("HOSTCLONE_AUDIT_RETENTION", null, "days an audit record is kept (1..36500); older ones are"
                + " deleted every minute, on every storage; unset: every record is kept, as BlueKing keeps them"),
        APPS("HOSTCLONE_APPS", null, "code:secret[,code:secret...], each secret in clear or as its hash (--hash-secret);"
                + " unset: app 'hostclone' with a random secret, printed once"),
        ADMINS("HOSTCLONE_ADMINS", "admin", "platform administrators, comma-separated"),
        LANGUAGE("HOSTCLONE_LANGUAGE", "zh-cn", "default language of messages: zh-cn | en"),
        TIME_ZONE("HOSTCLONE_TIME_ZONE", "UTC", "time zone of the audit's operation_time, shown and read without one as"
                + " BlueKing shows its server's local time: a region such as Asia/Shanghai, or an offset such as +08:00"),
        MAX_BODY_BYTES("HOSTCLONE_MAX_BODY_BYTES", String.valueOf(RequestLimits.DEFAULT_BODY_BYTES),
                "largest request body in bytes; larger is refused with 413"),
        MAX_JSON_DEPTH("HOSTCLONE_MAX_JSON_DEPTH", String.valueOf(RequestLimits.DEFAULT_JSON_NESTING_DEPTH),
                "deepest JSON nesting of a body; deeper is refused with 1199000"),
        MAX_STRING_LENGTH("HOSTCLONE_MAX_STRING_LENGTH", String.valueOf(RequestLimits.DEFAULT_STRING_LENGTH),
                "longest JSON string or key of a body, in UTF-16 units (an emoji counts two); longer is refused with 1199000"),
        RATE_LIMIT("HOSTCLONE_RATE_LIMIT", String.valueOf(HttpSettings.DEFAULT_RATE_LIMIT_PER_SECOND),
                "requests per second each app may send to each API; over it: 429 / 1199997; 0 turns it off"),
        HTTP_IDLE_TIMEOUT("HOSTCLONE_HTTP_IDLE_TIMEOUT", String.valueOf(HttpSettings.DEFAULT_IDLE_TIMEOUT_SECONDS),
                "seconds a connection may stay silent, or take to send a request head, before the server closes it;"
                        + " one waiting for its answer is not silent"),
        HTTP_MAX_CONNECTIONS("HOSTCLONE_HTTP_MAX_CONNECTIONS", String.valueOf(HttpSettings.DEFAULT_MAX_CONNECTIONS),
                "connections the server holds open at once; past it a request is answered 503 / 1199997 and its"
                        + " connection closed; 0: no cap"),
        REQUEST_TIMEOUT("HOSTCLONE_REQUEST_TIMEOUT", String.valueOf(HttpSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS),
                "seconds a request may take to arrive and pass its checks; later: 503 / 1199002, its use case not called"),
        SHUTDOWN_GRACE("HOSTCLONE_SHUTDOWN_GRACE", String.valueOf(HttpSettings.DEFAULT_SHUTDOWN_GRACE_SECONDS),
                "seconds a stopping server gives the requests in flight to be answered, taking no new"
                        + " connections meanwhile; 0 cuts them off");

        private final String variable;
        private final String defaultValue;
        private final String help;

        Setting(String variable, String defaultValue, String help) {
            this.variable = variable;
            this.defaultValue = defaultValue;
            this.help = help;
        }

        String variable() {
            return variable;
        }

        /** {@code HOSTCLONE_HTTP_PORT} becomes {@code --http-port}. */
        String flag() {
            return "--" + variable.substring("HOSTCLONE_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        }

        String defaultValue() {
            return defaultValue;
        }

        String help() {
            return help;
        }
    }

    /**
     * Settings whose empty value is refused rather than read as unset as a variable (a flag's always is): unset,
     * {@code HOSTCLONE_CONFIG} leaves every setting of its file at its default, {@code HOSTCLONE_APPS} removes every app
     * from the store, and {@code HOSTCLONE_DATA_DIR} puts the data
     * in the working directory, {@code HOSTCLONE_AUDIT_RETENTION} keeps every record, and {@code HOSTCLONE_ADMINS}
     * makes {@code admin} an administrator where an operator emptying it meant to leave none; both
     * {@code HOSTCLONE_HTTP_TLS_CERT} and {@code HOSTCLONE_HTTP_TLS_KEY} empty serve plain HTTP, secrets in clear,
     * and {@code HOSTCLONE_HTTP_HOST} listens on every address. A variable left empty by a template or a typo did
     * any of these without a word.
     */
    static final Set<Setting> NOT_BLANK_WHEN_SET = EnumSet.of(Setting.CONFIG, Setting.APPS, Setting.DATA_DIR,
            Setting.AUDIT_RETENTION, Setting.ADMINS, Setting.HTTP_TLS_CERT, Setting.HTTP_TLS_KEY, Setting.HTTP_HOST);
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]+");
    /** An IPv6 address's characters, an interface's name after {@code %}; its first one no dot, so it parses. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[0-9A-Za-z_.-]+)?");
    /** A host name's labels (an IPv4 address among them): letters, digits, hyphens and underscores, dot-separated. */
    private static final Pattern HOST_NAME = Pattern.compile("[0-9A-Za-z_]([0-9A-Za-z_.-]*[0-9A-Za-z_])?\\.?");
    /** The least bare number the store timeout takes as milliseconds. */
    private static final long BARE_MILLIS_MIN = 100;

    private ConfigurationReader() {
    }

    /** @throws IllegalArgumentException with a message fit for the console when a value is wrong */
    public static Configuration read(Map<String, String> environment, String... args) {
        EnvironmentNames.refuseUnknown(environment);
        Map<Setting, String> fromEnvironment = new HashMap<>();
        for (Setting setting : Setting.values()) {
            String given = environment.get(setting.variable());
            String value = given == null ? null : value(given);
            if (value != null && !value.isEmpty()) {
                fromEnvironment.put(setting, value);
            } else if (value != null && NOT_BLANK_WHEN_SET.contains(setting)) {
                throw new IllegalArgumentException(setting.variable() + " is set but empty: give it a value, or unset it"
                        + " for its default");
            }
        }
        Map<Setting, String> fromFlags = flags(args);
        String file = fromFlags.getOrDefault(Setting.CONFIG, fromEnvironment.get(Setting.CONFIG));
        Map<Setting, String> values = new HashMap<>(
                file == null ? Map.of() : ConfigurationFile.read(Path.of(file), environment.keySet()));
        values.putAll(fromEnvironment);
        values.putAll(fromFlags);

        String host = httpHost(values.getOrDefault(Setting.HTTP_HOST, Setting.HTTP_HOST.defaultValue()));
        int port = port(values.getOrDefault(Setting.HTTP_PORT, Setting.HTTP_PORT.defaultValue()));
        int instances = instances(values);
        String storageName = values.getOrDefault(Setting.STORAGE, Setting.STORAGE.defaultValue());
        Storage storage = Storage.fromConfig(storageName).orElseThrow(() -> new IllegalArgumentException(
                Setting.STORAGE.variable() + " must be embedded, postgres or memory, not " + RefusedText.quoted(storageName)));
        String pgUrl = values.get(Setting.PG_URL);
        if (storage == Storage.POSTGRES && pgUrl == null) {
            throw new IllegalArgumentException(Setting.PG_URL.variable() + " is required when "
                    + Setting.STORAGE.variable() + "=postgres");
        }
        if (pgUrl != null && !values.containsKey(Setting.STORAGE)) {
            // the default would start an embedded PostgreSQL in the working directory, not use that database
            throw new IllegalArgumentException(Setting.PG_URL.variable() + " is set, and " + Setting.STORAGE.variable()
                    + " is not: set " + Setting.STORAGE.variable() + "=postgres to use that database, or "
                    + Setting.STORAGE.variable() + "=embedded to leave it unused");
        }
        if (storage == Storage.POSTGRES) {
            PgTls tls;
            try {
                tls = PgSettings.fromUrl(pgUrl).tls();
            } catch (IllegalArgumentException e) {
                // here, not at the start: a malformed setting is a refused configuration (exit 2), not a failed start;
                // with another storage the URL is left unused, as the refusal of one set without a storage offers
                throw new IllegalArgumentException(Setting.PG_URL.variable() + ": " + e.getMessage());
            }
            String parameter = Setting.PG_URL.variable() + ": PostgreSQL URL parameter '%s'";
            if (!tls.systemRoots()) {
                requireReadableFile(String.format(parameter, "sslrootcert"), tls.rootCertificates());
            }
            requireReadableFile(String.format(parameter, "sslcert"), tls.clientCertificate());
            requireReadableFile(String.format(parameter, "sslkey"), tls.clientKey());
        }
        String language = values.getOrDefault(Setting.LANGUAGE, Setting.LANGUAGE.defaultValue()).toLowerCase(Locale.ROOT);
        if (!language.equals("zh-cn") && !language.equals("en")) {
            throw new IllegalArgumentException(Setting.LANGUAGE.variable() + " must be zh-cn or en, not " + RefusedText.quoted(language));
        }
        RequestLimits limits = new RequestLimits(positive(values, Setting.MAX_BODY_BYTES, Integer.MAX_VALUE),
                (int) positive(values, Setting.MAX_JSON_DEPTH, Integer.MAX_VALUE),
                (int) positive(values, Setting.MAX_STRING_LENGTH, Integer.MAX_VALUE));
        return new Configuration(host, port, httpTls(values), instances, storage, apps(values.get(Setting.APPS)),
                users(values.getOrDefault(Setting.ADMINS, Setting.ADMINS.defaultValue())), language,
                Path.of(values.getOrDefault(Setting.DATA_DIR, Setting.DATA_DIR.defaultValue())), pgUrl, limits,
                storeTimeout(values.getOrDefault(Setting.STORE_TIMEOUT, Setting.STORE_TIMEOUT.defaultValue())),
                seconds(values, Setting.START_TIMEOUT, 1, MAX_START_TIMEOUT_SECONDS),
                zeroOrPositive(values, Setting.MEMORY_AUDIT_RECORDS), zeroOrPositive(values, Setting.RATE_LIMIT),
                seconds(values, Setting.HTTP_IDLE_TIMEOUT, 1, Integer.MAX_VALUE),
                seconds(values, Setting.REQUEST_TIMEOUT, 1, Integer.MAX_VALUE), seconds(values, Setting.SHUTDOWN_GRACE, 0, Integer.MAX_VALUE),
                auditRetention(values.get(Setting.AUDIT_RETENTION)), zeroOrPositive(values, Setting.HTTP_MAX_CONNECTIONS),
                timeZone(values.getOrDefault(Setting.TIME_ZONE, Setting.TIME_ZONE.defaultValue())));
    }

    /**
     * A value as each source gives it, read alike: without the white space around it, as {@link String#strip} knows
     * it ({@link Character#isWhitespace}: an ideographic space too, not a no-break space); empty, it is unset. Each
     * entry of a list ({@code HOSTCLONE_APPS}' codes and secrets, {@code HOSTCLONE_ADMINS}' names) is trimmed so
     * too, as {@code --hash-secret} trims its secret. Until
     * 2026-12-06 a flag's value was taken as it came, and a variable's and an entry's lost only ASCII spaces and
     * controls, so that one value was read by one source and refused by another.
     */
    public static String value(String given) {
        return given.strip();
    }

    /** One line per setting: flag, variable, default, meaning. */
    public static String usage() {
        StringBuilder usage = new StringBuilder("Usage: hostclone [--flag=value ...]"
                + "   (the launcher beside the jar; or java -jar hostclone.jar [--flag=value ...])\n"
                + "       hostclone --hash-secret   prints the hash of a secret typed or piped in,"
                + " to give HOSTCLONE_APPS instead of the secret\n");
        for (Setting setting : Setting.values()) {
            usage.append(String.format("  %-20s %-28s default %-18s %s%n", setting.flag(), setting.variable(),
                    setting.defaultValue() == null ? "(none)" : setting.defaultValue(), setting.help()));
        }
        usage.append("The launcher also reads JAVA_HOME, HOSTCLONE_JAVA_OPTS (options for the JVM) and"
                + " HOSTCLONE_CLASS_ARCHIVE (where its class-data archive is kept, or off).\n");
        return usage.toString();
    }

    /** Both files or neither: half of HTTPS would leave the port in clear without saying so. */
    private static HttpTls httpTls(Map<Setting, String> values) {
        String certificate = values.get(Setting.HTTP_TLS_CERT);
        String key = values.get(Setting.HTTP_TLS_KEY);
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null || key == null) {
            Setting missing = certificate == null ? Setting.HTTP_TLS_CERT : Setting.HTTP_TLS_KEY;
            Setting given = certificate == null ? Setting.HTTP_TLS_KEY : Setting.HTTP_TLS_CERT;
            throw new IllegalArgumentException(missing.variable() + " is required when " + given.variable() + " is set");
        }
        HttpTls files = new HttpTls(Path.of(certificate), Path.of(key));
        requireReadableFile(Setting.HTTP_TLS_CERT.variable(), files.certificateChain());
        requireReadableFile(Setting.HTTP_TLS_KEY.variable(), files.privateKey());
        return files;
    }

    /**
     * Refuses {@code file}, named by {@code setting}, unless it is a file this process may read: found only as
     * the server opened it, a missing one failed the start (exit 1) after the store had opened, where it is the
     * configuration that is wrong. What it holds is checked as it is used. Null passes: the setting is unset.
     */
    private static void requireReadableFile(String setting, Path file) {
        if (file == null) {
            return;
        }
        String wrong = Files.isDirectory(file) ? "a directory"
                : !Files.exists(file) ? "no such file"
                : !Files.isReadable(file) ? "not readable" : null;
        if (wrong != null) {
            throw new IllegalArgumentException(setting + " names " + RefusedText.fileName(file) + ": " + wrong);
        }
    }

    private static Map<Setting, String> flags(String[] args) {
        Map<String, Setting> byFlag = Arrays.stream(Setting.values())
                .collect(Collectors.toMap(Setting::flag, setting -> setting));
        Map<Setting, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String flag = equals < 0 ? arg : arg.substring(0, equals);
            Optional<String> named = RefusedText.leadingOption(flag);
            if (named.isEmpty()) {
                // not quoted: most likely a value whose option was left out or split by a space, a secret as likely as not
                throw new IllegalArgumentException("argument " + (i + 1) + " is no option: give each as --name=value or"
                        + " --name value (the argument is not shown, as it may hold a secret)");
            }
            if (!named.get().equals(flag)) {
                // one argument of two, as Kubernetes' args: ["--apps ops:secret"] gives it, or ':' for '='
                throw new IllegalArgumentException("argument " + (i + 1) + " is '" + named.get() + "' and more in one"
                        + " argument: give " + named.get() + "=value, or " + named.get() + " and its value as two"
                        + " arguments (the rest is not shown, as it may hold a secret)");
            }
            Setting setting = byFlag.get(flag);
            if (setting == null) {
                // its name alone: a mistyped --apps=code:secret must not show the secret
                throw new IllegalArgumentException("unknown option '" + flag + "'"
                        + MeantNames.didYouMean(flag, byFlag.keySet()));
            }
            if (values.containsKey(setting)) {
                // the last would win, and the first, a script's default, say, be dropped without a word
                throw new IllegalArgumentException("option " + flag + " is given twice: give it once");
            }
            if (equals >= 0) {
                values.put(setting, value(arg.substring(equals + 1)));
            } else if (i + 1 < args.length) {
                if (args[i + 1].startsWith("--")) {
                    // an unquoted variable left empty drops out of the command line, and the option after it was
                    // taken as its value: --admins $A --http-port=9000 made --http-port=9000 the one administrator
                    throw new IllegalArgumentException("option " + flag + " needs a value, and the next argument is"
                            + " another option: give " + flag + "=value (an unset shell variable leaves nothing"
                            + " between them)");
                }
                values.put(setting, value(args[++i]));
            } else {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            if (values.get(setting).isEmpty()) {
                // typed, not templated: most likely a shell variable that was not set
                throw new IllegalArgumentException("option " + flag + " needs a value: unset, it takes its default");
            }
        }
        return values;
    }

    /**
     * The address to listen on as given, an IP address or a host name: one with a port or a scheme
     * ({@code 0.0.0.0:9000}, {@code http://0.0.0.0}) refused as it is read (exit 2), where until 2026-12-07 it failed
     * each start (exit 1), which a supervisor restarts, for good. An IPv6 address is written bare ({@code ::1}), and
     * parsed here as a literal, its interface after {@code %} left out (its first character a hex digit or a colon:
     * no name is looked up, and no interface, which is the machine's, not the value's form).
     */
    private static String httpHost(String text) {
        int zone = text.indexOf('%');
        boolean formed = text.indexOf(':') >= 0
                ? IPV6_LITERAL.matcher(text).matches() && parsesAsAddress(zone < 0 ? text : text.substring(0, zone))
                : HOST_NAME.matcher(text).matches();
        if (!formed) {
            throw new IllegalArgumentException(Setting.HTTP_HOST.variable() + " must be an IP address (IPv6 without"
                    + " brackets) or a host name, with no port or scheme (the port is " + Setting.HTTP_PORT.variable()
                    + "), not " + RefusedText.quoted(text));
        }
        return text;
    }

    private static boolean parsesAsAddress(String literal) {
        try {
            InetAddress.getByName(literal);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(asciiDigits(text));
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Setting.HTTP_PORT.variable() + " must be a port number 0..65535, not " + RefusedText.quoted(text));
        }
    }

    /**
     * {@code text} when it is ASCII digits alone; else a {@link NumberFormatException}, as the parse would give. The
     * JDK's parse takes any Unicode digit and a sign: {@code ８０８０}, as a Chinese input method types it, was port
     * 8080 here and refused in the PostgreSQL URL, and {@code +80} was 80 (until 2026-12-06).
     */
    private static String asciiDigits(String text) {
        if (!ASCII_DIGITS.matcher(text).matches()) {
            throw new NumberFormatException(text);
        }
        return text;
    }

    /**
     * A setting in whole seconds, its refusal saying so: {@code HOSTCLONE_START_TIMEOUT=60s} was refused as "must be an
     * integer", which named no unit, while {@code HOSTCLONE_STORE_TIMEOUT} takes {@code 5s}. The shutdown grace takes 0,
     * which cuts requests in flight off at a stop.
     */
    private static int seconds(Map<Setting, String> values, Setting setting, int min, int max) {
        return (int) within(values, setting, min, max, "a whole number of seconds");
    }

    /** 0 or a positive integer: 0 turns the rate limit and the connection cap off. */
    private static int zeroOrPositive(Map<Setting, String> values, Setting setting) {
        return (int) within(values, setting, 0, Integer.MAX_VALUE, "an integer");
    }

    /**
     * {@code cores} (the default) is one instance per CPU core, at most {@link #MAX_HTTP_INSTANCES} as a number given
     * is (until 2026-12-06 a machine of more cores took one each).
     */
    private static int instances(Map<Setting, String> values) {
        String text = values.getOrDefault(Setting.HTTP_INSTANCES, Setting.HTTP_INSTANCES.defaultValue());
        if (text.equals(Setting.HTTP_INSTANCES.defaultValue())) {
            return Math.min(Runtime.getRuntime().availableProcessors(), MAX_HTTP_INSTANCES);
        }
        return (int) within(Setting.HTTP_INSTANCES, text, 1, MAX_HTTP_INSTANCES, "cores or an integer", "");
    }

    private static long positive(Map<Setting, String> values, Setting setting, long max) {
        return within(values, setting, 1, max, "an integer");
    }

    private static long within(Map<Setting, String> values, Setting setting, long min, long max, String kind) {
        return within(setting, values.getOrDefault(setting, setting.defaultValue()), min, max, kind, "");
    }

    /** {@code text} as a whole number of {@code min..max}, else refused as {@code kind}, with {@code note} after the range. */
    private static long within(Setting setting, String text, long min, long max, String kind, String note) {
        try {
            long value = Long.parseLong(asciiDigits(text));
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.variable() + " must be " + kind + " within " + min + ".." + max
                    + note + ", not " + RefusedText.quoted(text));
        }
    }

    /**
     * {@code 5s}, {@code 1500ms}, or a plain number of milliseconds; positive. A plain number under
     * {@link #BARE_MILLIS_MIN} is refused, as the other timeouts' seconds written here ({@code 30} was
     * 30 ms, and the start failed waiting for PostgreSQL's LISTEN, naming nothing an operator sets).
     */
    private static Duration storeTimeout(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            boolean bare = !lower.endsWith("s");
            Duration timeout = lower.endsWith("ms") ? Duration.ofMillis(Long.parseLong(asciiDigits(lower.substring(0, lower.length() - 2))))
                    : lower.endsWith("s") ? Duration.ofSeconds(Long.parseLong(asciiDigits(lower.substring(0, lower.length() - 1))))
                    : Duration.ofMillis(Long.parseLong(asciiDigits(lower)));
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            if (bare && timeout.toMillis() < BARE_MILLIS_MIN) {
                throw new IllegalArgumentException(Setting.STORE_TIMEOUT.variable() + "=" + text + " would be " + text
                        + " milliseconds: write " + text + "s for seconds, or " + text + "ms if milliseconds are meant");
            }
            return timeout;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(Setting.STORE_TIMEOUT.variable()
                    + " must be a positive duration such as 5s, 1500ms or 5000, not " + RefusedText.quoted(text));
        }
    }

    /**
     * Whole days, or null (unset) to keep every record. Days, as retention policies are written; an ISO-8601
     * period would let {@code P3M} (months) pass for {@code PT3M} (minutes). No lower bound beyond a day: a day
     * is a fair retention for a test system, and a shorter one cannot be written.
     */
    private static Duration auditRetention(String text) {
        return text == null ? null : Duration.ofDays(within(Setting.AUDIT_RETENTION, text, 1, AuditPruning.MAX_RETENTION_DAYS,
                "a number of days", " (unset keeps every record)"));
    }

    /**
     * A region or an offset, as {@link ZoneId#of} reads them, a zone of one fixed offset as that offset ({@code UTC} as
     * {@code Z}); not an abbreviation of {@link ZoneId#SHORT_IDS} ({@code CST} is China's, America's central or Cuba's),
     * some of which ({@code EST}) the time-zone database also holds, as a fixed offset with no summer time.
     */
    private static ZoneId timeZone(String text) {
        String refused = Setting.TIME_ZONE.variable() + " must be a region such as Asia/Shanghai or an offset such as"
                + " +08:00, not " + RefusedText.quoted(text);
        if (ZoneId.SHORT_IDS.containsKey(text.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(refused);
        }
        try {
            return ZoneId.of(text).normalized();
        } catch (DateTimeException notAZone) {
            throw new IllegalArgumentException(refused);
        }
    }

    private static Map<String, String> apps(String text) {
        Map<String, String> apps = new LinkedHashMap<>();
        if (text == null) {
            return apps;
        }
        for (String entry : text.split(",")) {
            int colon = entry.indexOf(':');
            String code = colon < 0 ? "" : value(entry.substring(0, colon));
            String secret = colon < 0 ? "" : value(entry.substring(colon + 1));
            if (code.isEmpty() || secret.isEmpty()) {
                throw new IllegalArgumentException(Setting.APPS.variable() + " entries must be code:secret");
            }
            if (SecretHashing.looksLikeHash(secret) && !SecretHashing.isHash(secret)) {
                // never quoted: a mangled hash may be a secret pasted in the wrong place
                throw new IllegalArgumentException(Setting.APPS.variable() + ": the secret of app '" + code
                        + "' starts as a hash but is not a whole one; make one with java -jar hostclone.jar --hash-secret");
            }
            if (apps.put(code, secret) != null) {
                // the code alone: either secret may be the one in use
                throw new IllegalArgumentException(Setting.APPS.variable() + " names app '" + code + "' twice: give each"
                        + " app once");
            }
        }
        if (apps.isEmpty()) {
            // commas alone ("," or ",,"): read as no apps, that was the empty value's unset, which removes every app
            throw new IllegalArgumentException(Setting.APPS.variable() + " is set but names no app: give it code:secret"
                    + " entries, or unset it for its default");
        }
        return apps;
    }

    private static Set<String> users(String text) {
        List<String> users = Arrays.stream(text.split(",")).map(ConfigurationReader::value)
                .filter(user -> !user.isEmpty()).toList();
        if (users.isEmpty()) {
            // commas alone: no administrator, where the empty value they amount to is refused
            throw new IllegalArgumentException(Setting.ADMINS.variable() + " is set but names no administrator: give it"
                    + " user names, or unset it for its default");
        }
        Set<String> names = new LinkedHashSet<>(users);
        try {
            AccessPolicy.copyOfAdministrators(names);
        } catch (IllegalArgumentException e) {
            // named by the variable, where an embedding application's set is named as administrators
            throw new IllegalArgumentException(Setting.ADMINS.variable() + ": "
                    + e.getMessage().replaceFirst("^administrators: ", ""));
        }
        return names;
    }
}
