package dev.hostclone.domain.query;

import java.util.List;

/** One page of a result: {@code count} is the number of matches in all pages (BlueKing's {@code {count, info}}). */
public record Page<T>(long count, List<T> info) {

    public Page {
        info = List.copyOf(info);
        if (count < info.size()) {
            throw new IllegalArgumentException("count " + count + " is less than the page's " + info.size() + " items");
        }
    }
}
