package dev.hostclone.adapter.persistence.memory;

/**
 * How many audit records a {@link MemoryStore} keeps: the newest {@code kept}, and fewer when their
 * values come to more than {@code bytes}, older ones forgotten as new ones come; or all of them, until
 * the heap is full. A record keeps the host's documents of before and after its write (a clone's,
 * about 420 bytes of heap), so a store keeping all grows with every write, and a memory server ends
 * once its heap is full. A forgotten record is gone as if never written: {@code find_audit_by_id} and
 * the audit searches no longer find it; ids are never reused.
 *
 * <p>The count alone would not bound the heap: an update's values are as long as the model lets its
 * fields be, and a model may have many. 10,000 updates of ten 2,000-character fields hold 200 MB, and
 * ran a server of {@code -Xmx64m} out of memory. So the records are also weighed, each as
 * {@link RecordWeights} counts it, and the newest one is kept whatever it weighs.
 *
 * <p>Also what a server's meters read: how many records are kept now, what they weigh, and how many
 * were forgotten. The store writes them under its lock; the meters read them from any thread.
 */
public final class AuditRetention {

    /**
     * About 4 MB of a clone's records, and about a second of clones at the most measured here: most
     * records are forgotten before G1 moves them to the old generation. Kept much longer (100,000, the
     * default until 2026-12-04), they die there, and G1 marks it every few seconds to find them: in
     * {@code -Xmx256m}, 34–72 marking cycles in a load point and a fixed-rate p99 of 48–64 ms at 128
     * connections, against 2–4 cycles and 14–15 ms keeping 10,000.
     */
    public static final int DEFAULT_KEPT = 10_000;

    private final int kept;
    private final long bytes;
    private volatile long keptNow;
    private volatile long keptBytes;
    private volatile long forgotten;

    private AuditRetention(int kept, long bytes) {
        this.kept = kept;
        this.bytes = bytes;
    }

    /** The newest {@code records} audit records, whatever they weigh; at least one. */
    public static AuditRetention newest(int records) {
        return newest(records, Long.MAX_VALUE);
    }

    /**
     * The newest {@code records} audit records, at least one, and fewer when they weigh more than
     * {@code bytes} together ({@link RecordWeights}); the newest is kept whatever it weighs.
     */
    public static AuditRetention newest(int records, long bytes) {
        if (records < 1) {
            throw new IllegalArgumentException("a memory store keeps at least one audit record, not " + records);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("a memory store's audit records weigh at least one byte, not " + bytes);
        }
        return new AuditRetention(records, bytes);
    }

    /**
     * Every audit record, until the heap is full: what a store built without a retention keeps, as tests do;
     * the server and HostClone's embedding keep the newest {@link #DEFAULT_KEPT} unless told otherwise.
     */
    public static AuditRetention all() {
        return new AuditRetention(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** How many records at most: {@link Integer#MAX_VALUE} when all are kept. */
    public int kept() {
        return kept;
    }

    /** What the kept records may weigh together, in bytes: {@link Long#MAX_VALUE} when they are not weighed. */
    public long bytes() {
        return bytes;
    }

    /** Whether the store keeps every record ({@link #all()}). */
    public boolean keepsAll() {
        return kept == Integer.MAX_VALUE && bytes == Long.MAX_VALUE;
    }

    /** How many records the store keeps now. */
    public long keptNow() {
        return keptNow;
    }

    /** What the records kept now weigh together, in bytes ({@link RecordWeights}). */
    public long keptBytes() {
        return keptBytes;
    }

    /** How many records the store has forgotten since it started. */
    public long forgotten() {
        return forgotten;
    }

    void counted(long keptNow, long keptBytes, long forgotten) {
        this.keptNow = keptNow;
        this.keptBytes = keptBytes;
        this.forgotten = forgotten;
    }
}
