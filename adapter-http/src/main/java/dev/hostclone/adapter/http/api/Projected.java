package dev.hostclone.adapter.http.api;

import java.util.Objects;

/** A search query or its result, together with the {@code fields} projection its answer applies. */
record Projected<T>(T value, Projection projection) {

    Projected {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(projection, "projection");
    }

    /** The result of the query, under the same projection. */
    <R> Projected<R> answer(R result) {
        return new Projected<>(result, projection);
    }
}
