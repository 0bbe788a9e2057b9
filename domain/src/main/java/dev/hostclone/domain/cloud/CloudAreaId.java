package dev.hostclone.domain.cloud;

/** A cloud area ({@code bk_cloud_id}); never negative, 0 is the "Default Area" that always exists. */
public record CloudAreaId(long value) {

    public static final CloudAreaId DEFAULT = new CloudAreaId(0);
    /**
     * Reserved by BlueKing for its "direct connecting area": no area a caller creates gets it, the first
     * gets 2. It is not made either: an area made before HostClone reserved it keeps the id.
     */
    public static final CloudAreaId RESERVED = new CloudAreaId(1);

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
