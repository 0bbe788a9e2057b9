package dev.hostclone.domain.cloud;

/** A cloud area ({@code bk_cloud_id}); never negative, 0 is the "Default Area" that always exists. */
public record CloudAreaId(long value) {

    public static final CloudAreaId DEFAULT = new CloudAreaId(0);

    public CloudAreaId {
        if (value < 0) {
            throw new IllegalArgumentException("bk_cloud_id must not be negative: " + value);
        }
    }

    public static CloudAreaId of(long value) {
        return new CloudAreaId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
