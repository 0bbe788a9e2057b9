package dev.hostclone.application.port.in;

import java.util.List;

/** Whether the server can serve requests: each check by name, passed or not, and why. */
public record Readiness(List<Check> checks) {

    /** The store answered a query in time. */
    public static final String STORE = "store";
    /** The store's schema holds every migration this build needs. */
    public static final String MIGRATIONS = "migrations";

    /** One check: its name, whether it passed, and a short reason fit for an operator (never a secret). */
    public record Check(String name, boolean passed, String detail) {}

    public Readiness {
        checks = List.copyOf(checks);
    }

    public boolean ready() {
        return checks.stream().allMatch(Check::passed);
    }
}
