package dev.hostclone.domain.model;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The keys every stored host holds under a unique rule being created, as both stores compute them
 * while host writes are held off. {@code keysOf} is the application's key function for that rule; the
 * rule's id is only known once the store assigned it, so keys carrying another rule id are filed
 * under the assigned one ({@link UniqueKey#underRule}).
 */
public final class NewRuleKeys {

    private NewRuleKeys() {
    }

    /**
     * The keys of each host holding any, by host in ascending id order. Throws
     * {@code RejectedException(ExistingDataViolatesRule)} naming the values of the first key (in that
     * order) that two hosts share.
     */
    public static Map<HostId, Set<UniqueKey>> of(Collection<Host> hosts, Function<Host, Collection<UniqueKey>> keysOf,
                                                 long ruleId) {
        Map<HostId, Set<UniqueKey>> keys = new LinkedHashMap<>();
        Map<String, HostId> owners = new HashMap<>();
        List<Host> ordered = hosts.stream().sorted(Comparator.comparingLong(host -> host.id().value())).toList();
        for (Host host : ordered) {
            Set<UniqueKey> held = new LinkedHashSet<>();
            for (UniqueKey computed : keysOf.apply(host)) {
                UniqueKey key = computed.ruleId() == ruleId ? computed : computed.underRule(ruleId);
                HostId owner = owners.putIfAbsent(key.text(), host.id());
                if (owner != null && !owner.equals(host.id())) {
                    throw RejectedException.because(new Failure.ExistingDataViolatesRule(key.fields(), key.values()));
                }
                held.add(key);
            }
            if (!held.isEmpty()) {
                keys.put(host.id(), held);
            }
        }
        return keys;
    }
}
