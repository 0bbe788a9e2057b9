package dev.hostclone.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether the server can serve requests: each check by name, passed or not, and why. */
public record Readiness(List<Check> checks) {

    /** The store answered a query in time. */
    public static final String STORE = "store";
    /** The store's schema holds every migration this build needs. */
    public static final String MIGRATIONS = "migrations";

    /**
     * One check: its name, whether it passed, a short reason that anyone who can reach a probe may read (never a
     * secret, a host name or an address), and, when it failed on an error, that error's own words for the operator
     * alone: they may name the database's host, its port or its user.
     */
    public record Check(String name, boolean passed, String detail, Optional<String> cause) {

        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(cause, "cause");
        }

        /** A check with nothing more to say than its detail. */
        public Check(String name, boolean passed, String detail) {
            this(name, passed, detail, Optional.empty());
        }
    }

    public Readiness {
        checks = List.copyOf(checks);
    }

    public boolean ready() {
        return checks.stream().allMatch(Check::passed);
    }
}
