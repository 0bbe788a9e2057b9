package dev.hostclone.bootstrap.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a refusal of the configuration may show of what it was given. A refusal goes to standard error, which is the
 * journal or the container's log, kept and shipped, where a secret must never go; and the settings' typos are just
 * where secrets slip out: {@code HOSTCLONE_PG_URL postgresql://hc:pw@db/hc} with a space for the {@code =}, a
 * Kubernetes argument {@code "--apps ops:secret"} as one, a URL put in the wrong variable. Until 2026-12-07 each of
 * those was quoted whole.
 */
final class RefusedText {

    /**
     * The shapes a secret has in these settings: a URL with a user in it ({@code postgresql://hc:pw@db/hc}) or a
     * password among its parameters; an app's {@code code:secret}, its code holding a letter (a port after a name,
     * {@code localhost:9000}, is none, nor are a time's {@code 00:00:05}, an IPv6 address's {@code ::} or a scheme's
     * {@code tcp://}); a secret's hash ({@code pbkdf2-sha256$210000$...}); or longer than any value shown here needs
     * to be. A Kubernetes service link ({@code tcp://10.96.0.12:8080}) and an unexpanded {@code ${PORT}} are shown.
     */
    private static final Pattern CREDENTIAL = Pattern.compile("://[^/?#]*@|[?&]password=|^(?=[^:]*[A-Za-z])[A-Za-z0-9_.-]+"
            + ":(?![0-9]{1,5}$|:|//)|^[A-Za-z0-9-]+\\$[0-9]+\\$", Pattern.CASE_INSENSITIVE);
    private static final int LONGEST_SHOWN = 64;
    /**
     * A variable's name: what a refusal may quote of a file's line, and only one of HostClone's prefix ({@code -} for
     * {@code _} too, so that {@code HOSTCLONE-PG-URL} is offered its name); a line's first word of any other kind may
     * be a secret pasted on a line of its own.
     */
    private static final Pattern VARIABLE = Pattern.compile("HOSTCLONE[A-Za-z0-9_-]*", Pattern.CASE_INSENSITIVE);
    /** An option's name: what a refusal may quote of an argument ({@code _} for {@code -} too: {@code --pg_url}). */
    private static final Pattern OPTION = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9_-]*");

    private RefusedText() {
    }

    /** {@code 'value'}, or a word that it is not shown when it has a secret's shape. */
    static String quoted(String value) {
        return secretShaped(value, LONGEST_SHOWN)
                ? "the value given (not shown, as it may hold a secret: a URL with a user or password, code:secret,"
                        + " a hash, or over " + LONGEST_SHOWN + " characters)"
                : "'" + value + "'";
    }

    /**
     * A file's name as given, to name it in a refusal; a word that it is not shown when it has a secret's shape (a
     * URL put in {@code HOSTCLONE_CONFIG} or {@code HOSTCLONE_HTTP_TLS_KEY}).
     */
    static String fileName(Object file) {
        String name = String.valueOf(file);
        return secretShaped(name, LONGEST_SHOWN * 4) ? "a file whose name is not shown, as it may hold a secret" : name;
    }

    /** Longer than {@code longest}, or of one of {@link #CREDENTIAL}'s shapes. */
    private static boolean secretShaped(String text, int longest) {
        return text.length() > longest || CREDENTIAL.matcher(text).find();
    }

    /** The variable's name {@code text} begins with, which may be all of it; empty when it begins with none of HostClone's. */
    static Optional<String> leadingVariable(String text) {
        return leading(VARIABLE, text);
    }

    /** The option's name {@code text} begins with, which may be all of it; empty when it begins with none. */
    static Optional<String> leadingOption(String text) {
        return leading(OPTION, text);
    }

    private static Optional<String> leading(Pattern name, String text) {
        Matcher matcher = name.matcher(text);
        return matcher.lookingAt() ? Optional.of(matcher.group()) : Optional.empty();
    }
}
