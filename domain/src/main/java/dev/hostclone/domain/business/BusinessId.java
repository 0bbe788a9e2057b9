package dev.hostclone.domain.business;

/** A business ({@code bk_biz_id}); always positive. */
public record BusinessId(long value) {

    public BusinessId {
        if (value <= 0) {
            throw new IllegalArgumentException("bk_biz_id must be positive: " + value);
        }
    }

    public static BusinessId of(long value) {
        return new BusinessId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
