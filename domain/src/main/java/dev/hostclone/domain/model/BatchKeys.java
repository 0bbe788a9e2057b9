package dev.hostclone.domain.model;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first check of every batch host write, in both stores and before anything else: two hosts of
 * one batch may not claim the same unique key. Keys claimed twice by one host (the same host written
 * twice) are no collision.
 */
public final class BatchKeys {

    private BatchKeys() {
    }

    /** The keys one host claims in a write; {@code keys} null or empty claims nothing. */
    public record Claim(HostId host, Collection<UniqueKey> keys) {

        public Claim {
            keys = keys == null ? List.of() : keys;
        }
    }

    /** Throws {@code RejectedException(Duplicated)} naming the first key (in batch order) two hosts claim. */
    public static void requireDistinct(List<Claim> claims) {
        Map<String, HostId> claimed = new HashMap<>();
        for (Claim claim : claims) {
            for (UniqueKey key : claim.keys()) {
                HostId owner = claimed.putIfAbsent(key.text(), claim.host());
                if (owner != null && !owner.equals(claim.host())) {
                    throw RejectedException.because(new Failure.Duplicated(key.fields(), key.values()));
                }
            }
        }
    }
}
