package dev.hostclone.domain.host;

/** A host ({@code bk_host_id}); always positive. */
public record HostId(long value) {

    public HostId {
        if (value <= 0) {
            throw new IllegalArgumentException("bk_host_id must be positive: " + value);
        }
    }

    public static HostId of(long value) {
        return new HostId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
