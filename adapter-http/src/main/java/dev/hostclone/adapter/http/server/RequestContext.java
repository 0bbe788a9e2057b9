package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.domain.text.Characters;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;

/**
 * What the server knows about one request as it goes: its id, language and start time, then the
 * API, door and caller once known, whether it met its deadline (see {@link RequestTimeoutHandler}),
 * and the code it was answered with (for the access log). Used on the request's event loop only.
 */
public final class RequestContext {

    private static final String KEY = RequestContext.class.getName();
    private static final int MAX_LOGGED_NAME = 64;
    /**
     * Unicode's Default_Ignorable_Code_Point, which a renderer shows as nothing, less its format characters (Cf),
     * which the log escapes by their category: the ranges, in order, of Unicode 14's DerivedCoreProperties.txt (where
     * U+180F joined them) whose category is another. Java has no property for it, and these are by code point, not by a
     * category that changes with the JDK's Unicode version (U+180F is unassigned in Java 17's). Its
     * Other_Default_Ignorable_Code_Point, letters and marks that show nothing (the Hangul fillers, the Khmer inherent
     * vowels, the combining grapheme joiner) and code points Unicode keeps unassigned for more of them; and its
     * variation selectors, which change how the character before them looks or make two names' text differ unseen.
     */
    private static final int[][] IGNORABLE_BEYOND_FORMAT = {
            {0x034F, 0x034F},      // combining grapheme joiner
            {0x115F, 0x1160},      // Hangul choseong and jungseong fillers
            {0x17B4, 0x17B5},      // Khmer vowels inherent aq and aa
            {0x180B, 0x180D},      // Mongolian free variation selectors one to three
            {0x180F, 0x180F},      // Mongolian free variation selector four
            {0x2065, 0x2065},      // unassigned, among the invisible operators
            {0x3164, 0x3164},      // Hangul filler
            {0xFE00, 0xFE0F},      // variation selectors 1 to 16
            {0xFFA0, 0xFFA0},      // halfwidth Hangul filler
            {0xFFF0, 0xFFF8},      // unassigned, before the specials
            {0xE0000, 0xE0000},    // unassigned, before the language tag (Cf)
            {0xE0002, 0xE001F},    // unassigned, before the tags (Cf)
            {0xE0080, 0xE00FF},    // unassigned, after the tags
            {0xE0100, 0xE01EF},    // variation selectors 17 to 256
            {0xE01F0, 0xE0FFF}};   // unassigned, the rest of the plane's ignorable block

    /** Whichever comes first, the use case call or the request timeout, rules out the other. */
    private enum Deadline { PENDING, MET, MISSED }

    private final String requestId;
    private final Language language;
    private final long startNanos;
    private static final String UNNAMED = "-";

    private String api = UNNAMED;
    private String door = UNNAMED;
    private String app = "-";
    private String user = "-";
    private Integer code;
    private Deadline deadline = Deadline.PENDING;
    private Future<Void> delivery;

    RequestContext(String requestId, Language language, long startNanos) {
        this.requestId = requestId;
        this.language = language;
        this.startNanos = startNanos;
    }

    static RequestContext attach(RoutingContext ctx, RequestContext context) {
        ctx.put(KEY, context);
        return context;
    }

    /** The request's context; null only if the first handler never ran. */
    static RequestContext of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    public String requestId() {
        return requestId;
    }

    /**
     * The request id as log lines write it: a caller's {@code "} and backslash escaped as {@link #loggable} escapes
     * them, for a key=value parser (Loki's, Vector's) reads a quote as the start of a quoted value, and took the
     * line's next fields into the id (until 2026-12-06). Any other visible ASCII is written as it came, as it is
     * echoed.
     */
    String loggedRequestId() {
        return requestId.indexOf('"') < 0 && requestId.indexOf('\\') < 0 ? requestId
                : requestId.replace("\\", "\\u005c").replace("\"", "\\u0022");
    }

    public Language language() {
        return language;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    void api(String name, String doorLabel) {
        this.api = name;
        this.door = doorLabel;
    }

    /** Whether a handler has named the request's API and door. */
    boolean apiNamed() {
        return !UNNAMED.equals(api);
    }

    void caller(String appCode, String userName) {
        this.app = loggable(appCode);
        this.user = loggable(userName);
    }

    /** The app code the caller claims, before it is proven. */
    void app(String appCode) {
        this.app = loggable(appCode);
    }

    /** Right before the use case is called: false when the request already timed out, and then it must not be called. */
    boolean meetDeadline() {
        if (deadline == Deadline.MISSED) {
            return false;
        }
        deadline = Deadline.MET;
        return true;
    }

    /** When the request timer fires: false when the use case was already called, and then its own answer must come. */
    boolean missDeadline() {
        if (deadline == Deadline.MET) {
            return false;
        }
        deadline = Deadline.MISSED;
        return true;
    }

    /** The request timed out before its use case was called, and was answered then. */
    boolean missedDeadline() {
        return deadline == Deadline.MISSED;
    }

    void code(int answered) {
        this.code = answered;
    }

    /** The answer given a code never reached the client, whose connection was gone or went: none was answered. */
    void undelivered() {
        this.code = null;
    }

    /**
     * The answer's write, as it is handed to the connection: Vert.x calls the response ended then, before the
     * write's outcome is known, which a client gone before it is all written fails.
     */
    void delivering(Future<Void> write) {
        this.delivery = write;
    }

    /**
     * Runs {@code record} once the answer's write has ended, the answer first taken for none if the write failed;
     * at once when no answer is being written.
     */
    void afterDelivery(Runnable record) {
        if (delivery == null) {
            record.run();
            return;
        }
        delivery.onComplete(written -> {
            if (written.failed()) {
                undelivered();
            }
            record.run();
        });
    }

    /** Whether an answer was written, as far as the server knows. */
    boolean answered() {
        return code != null;
    }

    String api() {
        return api;
    }

    String door() {
        return door;
    }

    String app() {
        return app;
    }

    String user() {
        return user;
    }

    /**
     * Caller-supplied names go into the log line: kept short, on that line, and in their field. A control
     * character, a line or paragraph separator, a space of any width, a Unicode format character (the bidi
     * controls that reorder what follows them on screen, zero-width characters, the byte-order mark), any other
     * default-ignorable code point ({@link #IGNORABLE_BEYOND_FORMAT}: the Hangul fillers, variation selectors), an
     * {@code =}, a {@code "} (a key=value parser's quote) or a backslash is written as Java escapes it, a
     * backslash, {@code u} and four hex digits (a character beyond the BMP as its two surrogates), so no name can
     * forge a line or a field of its own ({@code app=x user=admin code=0} was one app's claimed name), nor hide or
     * reverse the rest of the line as a reader sees it, nor look empty. A letter of another script that looks like
     * a Latin one (Cyrillic {@code а} in {@code аdmin}) is written as it is: it is a name of its own.
     */
    private static String loggable(String text) {
        String bounded = Characters.abbreviated(text, MAX_LOGGED_NAME);
        for (int i = 0; i < bounded.length(); i++) {
            if (breaksItsField(bounded.codePointAt(i))) {
                return escaped(bounded);
            }
        }
        return bounded;
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (breaksItsField(c)) {
                for (char unit : Character.toChars(c)) {
                    escaped.append("\\u").append(HexFormat.of().toHexDigits(unit));
                }
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }

    private static boolean breaksItsField(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> true;
            default -> c == '=' || c == '\\' || c == '"' || ignorableBeyondFormat(c);
        };
    }

    private static boolean ignorableBeyondFormat(int c) {
        for (int[] range : IGNORABLE_BEYOND_FORMAT) {
            if (c < range[0]) {
                return false;
            }
            if (c <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The BlueKing code answered, or "-" when nothing was written (the connection closed before it was). */
    String code() {
        return code == null ? "-" : code.toString();
    }
}
