package dev.hostclone.adapter.http.server;

/**
 * Which connection gives way at the cap ({@link ConnectionCap}): the one idle longest, if it has been idle at least
 * the threshold. A look that finds none works out the time before which none can be (the first idle one's, or,
 * for a connection that goes idle after the look, the look's time and the threshold), and every look until then
 * finds none without reading a connection, so that a flood of new connections while every place is busy does not
 * have each scan every connection.
 *
 * <p>That time is a hint: a connection dated idle from before a look but learnt idle only after it (its answer
 * written before the look and its sending learnt after, or the connection admitted as the look ran) is found late,
 * yet no later than the threshold after its idleness was learnt. Times are {@link System#nanoTime()}'s, compared by
 * their difference.
 */
final class EvictionChoice {

    private final long evictIdleAfterNanos;
    /** Before this, no connection can have been idle long enough, as the last look that found none worked out. */
    private volatile long noneIdleEnoughBefore;

    /** Each connection idle at least {@code evictIdleAfterNanos} may give way; the first look is at {@code now} or after. */
    EvictionChoice(long evictIdleAfterNanos, long now) {
        this.evictIdleAfterNanos = evictIdleAfterNanos;
        noneIdleEnoughBefore = now;
    }

    /**
     * The connection idle longest among {@code admitted} at {@code now}, idle at least the threshold, with the time
     * it has been idle since (what a claim of it is taken against); null if none is.
     */
    Candidate idlest(Iterable<AnsweringIdleGuard> admitted, long now) {
        if (now - noneIdleEnoughBefore < 0) {
            return null;
        }
        AnsweringIdleGuard idlest = null;
        long idlestSince = AnsweringIdleGuard.NOT_IDLE;
        // one idle from now on is idle long enough no sooner than this
        long firstIdleEnough = now + evictIdleAfterNanos;
        for (AnsweringIdleGuard guard : admitted) {
            long since = guard.idleSince();
            if (since == AnsweringIdleGuard.NOT_IDLE) {
                continue;
            }
            long idleEnoughAt = since + evictIdleAfterNanos;
            if (now - idleEnoughAt < 0) {
                firstIdleEnough = idleEnoughAt - firstIdleEnough < 0 ? idleEnoughAt : firstIdleEnough;
            } else if (idlest == null || since - idlestSince < 0) {
                idlest = guard;
                idlestSince = since;
            }
        }
        if (idlest == null) {
            noneIdleEnoughBefore = firstIdleEnough;
            return null;
        }
        return new Candidate(idlest, idlestSince);
    }

    /** A connection that may give way, and the time it has been idle since as read. */
    record Candidate(AnsweringIdleGuard guard, long idleSince) {

        /** Claims it, which closes it, if it is still idle since then. */
        boolean claim() {
            return guard.claimIfIdleSince(idleSince);
        }
    }
}
