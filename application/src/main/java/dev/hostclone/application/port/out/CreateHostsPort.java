package dev.hostclone.application.port.out;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Stores new hosts with their audit records, all or nothing; unique rules are enforced by the store. */
public interface CreateHostsPort {

    /** Exceptionally with {@code RejectedException(Duplicated)} when a host collides with a stored one. */
    CompletionStage<Void> createHosts(List<HostCreation> hosts);
}
