package dev.hostclone.application.service;

import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.domain.access.AccessPolicy;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in authorization (API.md §6): administrators may do everything, maintainers of a
 * business may act on it. Reads each business named by the permissions once per decision.
 */
public final class BusinessMaintainerAuthorizer implements AuthorizePort {

    private final AccessPolicy policy;
    private final LoadBusinessPort businesses;

    public BusinessMaintainerAuthorizer(AccessPolicy policy, LoadBusinessPort businesses) {
        this.policy = policy;
        this.businesses = businesses;
    }

    @Override
    public CompletionStage<List<Permission>> missingPermissions(Actor actor, List<Permission> required) {
        if (policy.isAdministrator(actor.user())) {
            return CompletableFuture.completedStage(List.of());
        }
        Set<BusinessId> named = new LinkedHashSet<>();
        required.stream().map(Permission::business).filter(Objects::nonNull).forEach(named::add);
        Map<BusinessId, Business> loaded = new ConcurrentHashMap<>();
        CompletionStage<Void> all = CompletableFuture.completedStage(null);
        for (BusinessId id : named) {
            all = all.thenCompose(ignored -> businesses.loadBusiness(id))
                    .thenAccept(business -> business.ifPresent(found -> loaded.put(id, found)));
        }
        return all.thenApply(ignored -> {
            List<Permission> missing = new ArrayList<>();
            for (Permission permission : required) {
                Business business = Optional.ofNullable(permission.business()).map(loaded::get).orElse(null);
                if (!policy.permits(actor.user(), permission, business)) {
                    missing.add(permission);
                }
            }
            return missing;
        });
    }
}
