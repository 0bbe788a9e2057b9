package dev.hostclone.application.port.out;

/** What a store that answered says about its schema: whether this build's migrations are applied, and a short detail. */
public record SchemaStatus(boolean migrationsApplied, String detail) {

    public static SchemaStatus applied(String detail) {
        return new SchemaStatus(true, detail);
    }

    public static SchemaStatus notApplied(String detail) {
        return new SchemaStatus(false, detail);
    }
}
