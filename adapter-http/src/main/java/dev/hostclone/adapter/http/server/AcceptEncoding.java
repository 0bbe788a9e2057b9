package dev.hostclone.adapter.http.server;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a request's {@code Accept-Encoding} says of gzip (RFC 9110 §12.5.3): a list of codings, each with an
 * optional weight {@code q} from 0 to 1 (at most three decimals), 0 meaning "not acceptable". gzip is accepted
 * when it is listed with a weight above 0, or, not listed, when {@code *} is; {@code x-gzip} is gzip's old name. A
 * weight that cannot be read counts as 0: an answer the client may not read is worse than one a little larger.
 * Preferences among acceptable codings are not weighed: {@code identity;q=1, gzip;q=0.1} gets gzip.
 */
final class AcceptEncoding {

    /** RFC 9110's {@code qvalue}: 0 to 1, at most three decimals. */
    private static final Pattern WEIGHT = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    private static final Pattern ZERO = Pattern.compile("0(\\.0{0,3})?");

    private AcceptEncoding() {
    }

    /** Whether a client that sent {@code header} (null if it sent none) accepts an answer in gzip. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean any = null;
        for (String listed : header.split(",")) {
            int semicolon = listed.indexOf(';');
            String coding = (semicolon < 0 ? listed : listed.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
            boolean acceptable = semicolon < 0 || weightAboveZero(listed.substring(semicolon + 1));
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return acceptable;
            }
            if (coding.equals("*")) {
                any = acceptable;
            }
        }
        return Boolean.TRUE.equals(any);
    }

    /** Whether the parameters after a coding ({@code q=0.5}) give it a weight above 0; none given is 1. */
    private static boolean weightAboveZero(String parameters) {
        for (String parameter : parameters.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
                continue;
            }
            String weight = parameter.substring(equals + 1).trim();
            return WEIGHT.matcher(weight).matches() && !ZERO.matcher(weight).matches();
        }
        return true;
    }
}
