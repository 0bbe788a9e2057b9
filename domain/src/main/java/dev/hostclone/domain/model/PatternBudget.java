package dev.hostclone.domain.model;

/**
 * The characters one request's checks against attribute patterns may read, all values together
 * ({@link AttributeValues#check}). {@code java.util.regex} backtracks: a pattern such as
 * {@code ^(.*a){10}$} or {@code ^(.*?,){11}P$}, which an administrator or a business's maintainer may
 * set, reads a value of a hundred characters some 10^13 times, and the checks hold an event loop all
 * along. A budget per value still let one batch_update_host of 500 hosts, two such fields each, read
 * 8.8 million times a value (25 ms) a thousand times over: 26 s on one loop. Ten million reads in all
 * (tens of milliseconds) leave room for a pattern quadratic in one longchar value ({@code ^.*x.*y$} on
 * 2,000 characters of the Basic Multilingual Plane reads six million; reads are UTF-16 units, so 2,000 emoji,
 * 4,000 units, would read four times that and be refused as too costly), and for a pattern such as
 * {@code ^[a-z0-9-]+$}, which reads each character about once, on every value of the largest body. Made for one use-case call and used by it
 * alone, one check after another; not safe to share between calls.
 */
public final class PatternBudget {

    static final int REQUEST_READS = 10_000_000;

    private int readsLeft;

    private PatternBudget(int reads) {
        this.readsLeft = reads;
    }

    /** A budget of {@value #REQUEST_READS} reads, for the pattern checks of one request. */
    public static PatternBudget forOneRequest() {
        return new PatternBudget(REQUEST_READS);
    }

    /** How many reads are left; none once a check ran out. */
    int readsLeft() {
        return readsLeft;
    }

    /** {@code text} as a matcher reads it, each character read drawn from this budget. */
    CharSequence reading(String text) {
        return new CountedReads(text);
    }

    /** A text the matcher reads through, one count per character read, that stops the match when the budget runs out. */
    private final class CountedReads implements CharSequence {

        private final String text;

        CountedReads(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (--readsLeft < 0) {
                // kept at none, so that every later check runs out at its first read
                readsLeft = 0;
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        /** Only for extracting groups, which a check never asks for; matching reads through {@link #charAt}. */
        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The reads ran out; no stack trace, as it is an answer, not a fault. */
    static final class Exhausted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("the patterns read the request's values more often than allowed", null, false, false);
        }
    }
}
