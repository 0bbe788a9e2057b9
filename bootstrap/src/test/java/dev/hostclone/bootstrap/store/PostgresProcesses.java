package dev.hostclone.bootstrap.store;

/** What the store's own code means by a PostgreSQL process having ended, for tests outside its package. */
public final class PostgresProcesses {

    private PostgresProcesses() {
    }

    /** Gone, or a zombie that nothing has reaped yet ({@link Postmaster#ended}). */
    public static boolean ended(ProcessHandle process) {
        return Postmaster.ended(process);
    }
}
