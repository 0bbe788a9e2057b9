package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.UniqueKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which host holds each unique key (the memory store's {@code host_unique_key}). Writes are staged:
 * every claim of a batch is checked in order against the stored keys and the batch's earlier claims
 * and releases, and nothing changes until {@link Staged#commit()}, so a refused batch leaves no trace.
 * Not thread-safe: the store's lock guards it.
 */
final class UniqueKeyIndex {

    private final Map<String, HostId> owners = new HashMap<>();
    private final Map<HostId, Set<UniqueKey>> keysOfHost = new HashMap<>();

    Staged stage() {
        return new Staged();
    }

    /** Drops every key held under {@code ruleId}. */
    void removeRule(long ruleId) {
        keysOfHost.replaceAll((host, keys) -> {
            keys.stream().filter(key -> key.ruleId() == ruleId).forEach(key -> owners.remove(key.text()));
            return keys.stream().filter(key -> key.ruleId() != ruleId).collect(Collectors.toUnmodifiableSet());
        });
        keysOfHost.values().removeIf(Set::isEmpty);
    }

    /** Changes to the index, visible to later calls on the same stage only. */
    final class Staged {

        /** Key text to its new owner, or empty when released. */
        private final Map<String, Optional<HostId>> owned = new HashMap<>();
        private final Map<HostId, Set<UniqueKey>> held = new LinkedHashMap<>();

        /** The host holds exactly {@code keys} from now on; a key another host holds is refused as Duplicated. */
        void hold(HostId host, Collection<UniqueKey> keys) {
            requireFree(host, keys);
            Set<String> kept = keys.stream().map(UniqueKey::text).collect(Collectors.toSet());
            keysOf(host).stream()
                    .filter(key -> !kept.contains(key.text()))
                    .forEach(key -> owned.put(key.text(), Optional.empty()));
            keys.forEach(key -> owned.put(key.text(), Optional.of(host)));
            held.put(host, Set.copyOf(keys));
        }

        /** The host holds {@code keys} besides the ones it has (a new rule's keys); refused as {@link #hold} does. */
        void add(HostId host, Collection<UniqueKey> keys) {
            Set<UniqueKey> all = new LinkedHashSet<>(keysOf(host));
            all.addAll(keys);
            hold(host, all);
        }

        void commit() {
            owned.forEach((text, owner) -> owner.ifPresentOrElse(host -> owners.put(text, host), () -> owners.remove(text)));
            held.forEach((host, keys) -> {
                if (keys.isEmpty()) {
                    keysOfHost.remove(host);
                } else {
                    keysOfHost.put(host, keys);
                }
            });
        }

        private void requireFree(HostId host, Collection<UniqueKey> keys) {
            for (UniqueKey key : keys) {
                Optional<HostId> staged = owned.get(key.text());
                HostId owner = staged != null ? staged.orElse(null) : owners.get(key.text());
                if (owner != null && !owner.equals(host)) {
                    throw RejectedException.because(new Failure.Duplicated(key.fields(), key.values()));
                }
            }
        }

        private Set<UniqueKey> keysOf(HostId host) {
            Set<UniqueKey> staged = held.get(host);
            return staged != null ? staged : keysOfHost.getOrDefault(host, Set.of());
        }
    }
}
