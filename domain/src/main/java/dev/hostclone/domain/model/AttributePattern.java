package dev.hostclone.domain.model;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code singlechar} or {@code longchar} attribute's pattern, as BlueKing's Go ({@code regexp}, RE2's syntax)
 * means it, read by {@code java.util.regex}. The two agree on what callers write (classes, anchors, repetitions,
 * groups, flags {@code i m s}) but for these:
 * <ul>
 *   <li>{@code .}, {@code ^} and {@code $} know one line terminator in Go, {@code \n}, and five in Java: compiled
 *       with {@link Pattern#UNIX_LINES} they know Go's alone, and {@code ^a.b$} takes {@code a\rb} as BlueKing does
 *       (until 2026-12-07 refused);</li>
 *   <li>{@code (?i)} folds the case of every script in Go and of ASCII alone in Java: compiled with
 *       {@link Pattern#UNICODE_CASE}, {@code (?i)é} finds {@code É} as in Go;</li>
 *   <li>a POSIX class, {@code [[:digit:]]}, is a class of digits in Go and, in Java, a class of the characters
 *       {@code : d i g t}: {@code ^[[:digit:]]+$} refused {@code 123} and took {@code ::::};</li>
 *   <li>the flag {@code U} is "ungreedy" in Go and "Unicode classes" in Java.</li>
 * </ul>
 * A pattern holding either of the last two is {@link #readOtherwise read otherwise}, and refused when an attribute
 * is created, so that none is stored to mean something else than it says. Left as they are, being rare in a
 * field's pattern: Java's {@code \s} holds the vertical tab, Go's not; Java's {@code \b} (on JDK 17) takes letters
 * of every script for word characters, Go's ASCII alone; {@code \v} is the vertical tab in Go and any vertical
 * white space in Java. Java reads more than Go does
 * (lookaround, back references, possessive quantifiers), which BlueKing refuses at creation and so no BlueKing
 * caller sends; Go's named groups {@code (?P<name>...)} and script classes ({@code \p{Han}}) are refused by
 * Java's compile as they were before ({@code (?<name>...)} and {@code [\x{4e00}-\x{9fff}]} read alike in both). A
 * linear-time engine of Go's syntax (RE2/J) would read every pattern as BlueKing does, but took 5 to 10 ns per
 * character and instruction of the pattern, 10 to 40 times Java's on the short patterns models hold, and gives
 * no count of its work a request's budget could draw on ({@link PatternBudget}); not taken.
 */
final class AttributePattern {

    /** A POSIX class ({@code [:alpha:]}, {@code [:^space:]}), or a flag group setting or clearing {@code U}. */
    private static final Pattern READ_OTHERWISE = Pattern.compile("\\[:\\^?[a-z]+:]|\\(\\?[a-zA-Z-]*U");

    private AttributePattern() {
    }

    /** {@code regex} compiled to match as Go's does; a {@link PatternSyntaxException} when Java cannot read it. */
    static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
    }

    /** Whether {@code regex} holds what Java reads otherwise than Go: a POSIX class, or the flag {@code U}. */
    static boolean readOtherwise(String regex) {
        return READ_OTHERWISE.matcher(regex).find();
    }
}
