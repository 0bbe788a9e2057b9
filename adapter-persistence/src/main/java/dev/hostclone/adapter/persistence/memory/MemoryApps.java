package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.RemoveAppsPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.domain.access.AppAuthentication;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apps and their secret hashes in memory, apart from the store's lock: they relate to nothing else
 * the store keeps, and every request reads one.
 */
final class MemoryApps implements VerifyAppSecretPort, RegisterAppPort, RemoveAppsPort {

    private final SecretChecks secretChecks;
    private final Map<String, String> appSecretHashes = new ConcurrentHashMap<>();

    MemoryApps(SecretChecks secretChecks) {
        this.secretChecks = secretChecks;
    }

    @Override
    public CompletionStage<Void> registerApp(String appCode, String secretHash) {
        if (!SecretHashing.isHash(secretHash)) {
            return CompletableFuture.failedStage(SecretHashing.notAHash());
        }
        appSecretHashes.put(appCode, secretHash);
        return CompletableFuture.completedStage(null);
    }

    @Override
    public CompletionStage<Boolean> registerAppIfAbsent(String appCode, String secretHash) {
        if (!SecretHashing.isHash(secretHash)) {
            return CompletableFuture.failedStage(SecretHashing.notAHash());
        }
        return CompletableFuture.completedStage(appSecretHashes.putIfAbsent(appCode, secretHash) == null);
    }

    @Override
    public CompletionStage<Set<String>> removeAppsOtherThan(Set<String> appCodes) {
        Set<String> removed = new TreeSet<>(appSecretHashes.keySet());
        removed.removeAll(appCodes);
        appSecretHashes.keySet().removeAll(removed);
        return CompletableFuture.completedStage(removed);
    }

    @Override
    public CompletionStage<Boolean> removeAppHolding(String appCode, String secretHash) {
        return CompletableFuture.completedStage(appSecretHashes.remove(appCode, secretHash));
    }

    @Override
    public CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret) {
        String hash = appSecretHashes.get(appCode);
        if (hash == null) {
            return CompletableFuture.completedStage(AppAuthentication.UNKNOWN_APP);
        }
        return secretChecks.check(appSecret, hash);
    }
}
