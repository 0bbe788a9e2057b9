package dev.hostclone.adapter.persistence.postgres;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many host writes PostgreSQL rolled back so that another could go on, by why. The store answers each
 * as a stale write, which its caller reads again and plans anew like any other, so this count is what
 * tells an operator of a deadlock the retry hid. Counted for the server's meters, which read it when scraped.
 */
public final class RolledBackWrites {

    /** Why PostgreSQL rolled a write back, by the SQLSTATE it answered with. */
    public enum Cause {
        /** 40P01: two writes waited for each other, and this one was chosen to end the wait. */
        DEADLOCK("40P01"),
        /** 40001: under serializable (or repeatable read) isolation, another write overlapped this one. */
        SERIALIZATION_FAILURE("40001");

        private final String sqlState;

        Cause(String sqlState) {
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }

        /** The cause answered with {@code sqlState}; null when it is no rollback for another write's sake. */
        static Cause of(String sqlState) {
            for (Cause cause : values()) {
                if (cause.sqlState.equals(sqlState)) {
                    return cause;
                }
            }
            return null;
        }
    }

    private final Map<Cause, LongAdder> counts = new EnumMap<>(Cause.class);

    RolledBackWrites() {
        for (Cause cause : Cause.values()) {
            counts.put(cause, new LongAdder());
        }
    }

    void rolledBack(Cause cause) {
        counts.get(cause).increment();
    }

    /** The writes rolled back for {@code cause} since the store started. */
    public long count(Cause cause) {
        return counts.get(cause).sum();
    }
}
