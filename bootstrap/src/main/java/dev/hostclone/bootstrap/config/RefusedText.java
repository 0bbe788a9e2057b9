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
     * The shapes a secret has in these settings: a URL (with a password in it or not), an app's {@code code:secret}
     * (a port after a name, {@code localhost:9000}, is none, nor is an IPv6 address's {@code ::}), a secret's hash ({@code pbkdf2-sha256$...}); or longer
     * than any value shown here needs to be.
     */
    private static final Pattern CREDENTIAL = Pattern.compile("@|://|\\$|^[A-Za-z0-9_-]+:(?![0-9]*$|:)");
    private static final int LONGEST_SHOWN = 64;
    /** A variable's name: what a refusal may quote of a file's line. */
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** An option's name: what a refusal may quote of an argument. */
    private static final Pattern OPTION = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9-]*");

    private RefusedText() {
    }

    /** {@code 'value'}, or a word that it is not shown when it has a secret's shape. */
    static String quoted(String value) {
        return value.length() > LONGEST_SHOWN || CREDENTIAL.matcher(value).find()
                ? "the value given (not shown, as it has the shape of a secret: a URL, code:secret or a hash)"
                : "'" + value + "'";
    }

    /** The variable's name {@code text} begins with, which may be all of it; empty when it begins with none. */
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
