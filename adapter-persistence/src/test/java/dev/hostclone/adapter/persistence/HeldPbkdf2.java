package dev.hostclone.adapter.persistence;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.SecretKeyFactorySpi;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256 that holds the slow hash of chosen secret checks until the test lets it run, for tests that
 * must know a check is under way, and decide when it ends, whatever the machine's speed. A long hash only made it
 * likely: the test's next steps could be slower than it on a loaded machine, or it faster than them on a fast one.
 *
 * <p>Installed as the JVM's first provider of that algorithm (which {@link SecretHashing} looks up at each use), it
 * holds each derivation against the salt of a hash {@link #hash} made, and hands every other derivation to the
 * JDK's own at once, as it hands a held one once let through: a held check answers as it would have. Checks left
 * running by a test before (one that failed midway) are against salts of that test's, and pass. {@link #close}
 * removes it and lets through whatever it still holds.
 */
public final class HeldPbkdf2 implements AutoCloseable {

    /** The iterations of the hashes it makes: few, so that a check let through ends at once (an app's have 60,000). */
    private static final int ITERATIONS = 4_242;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String NAME = "HostCloneTestsHeldPbkdf2";
    private static final String JDK_PROVIDER = "SunJCE";

    /** Guarded by this: each held derivation's gate, the longest held first. */
    private final ArrayDeque<CountDownLatch> holding = new ArrayDeque<>();
    /** Guarded by this: every derivation passes at once. */
    private boolean open;
    /** The salts of the hashes it made: a derivation against one of them is held. */
    private final Set<ByteBuffer> salts = ConcurrentHashMap.newKeySet();

    private HeldPbkdf2() {
    }

    /**
     * Installs it ahead of the JDK's; {@link #close} removes it. Fails if the JDK does not give it the algorithm's
     * lookups (a JDK that takes only signed providers): every hold would otherwise wait out its test's bound.
     */
    public static HeldPbkdf2 install() {
        HeldPbkdf2 held = new HeldPbkdf2();
        Registration registration = held.new Registration();
        if (Security.insertProviderAt(registration, 1) == -1) {
            throw new IllegalStateException("a " + NAME + " is already installed: a test before did not close its own");
        }
        try {
            if (SecretKeyFactory.getInstance(ALGORITHM).getProvider() != registration) {
                throw new IllegalStateException("the JDK looks " + ALGORITHM + " up elsewhere: nothing could be held");
            }
        } catch (GeneralSecurityException | RuntimeException notTaken) {
            Security.removeProvider(NAME);
            throw new IllegalStateException("the JDK did not take " + NAME + " for " + ALGORITHM, notTaken);
        }
        return held;
    }

    /** A new hash of {@code secret} whose checks are held: checked against it, {@code secret} is accepted once let through. */
    public String hash(String secret) {
        String hash = SecretHashing.hash(secret, ITERATIONS);
        salts.add(ByteBuffer.wrap(Base64.getDecoder().decode(hash.split("\\$")[2])));
        return hash;
    }

    /** Waits until {@code checks} checks are held at once; fails the test after {@code atMost}. */
    public synchronized void awaitHeld(int checks, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (long left = atMost.toNanos(); holding.size() < checks; left = deadline - System.nanoTime()) {
            if (left <= 0) {
                throw new AssertionError("expected " + checks + " checks under way within " + atMost + ", "
                        + holding.size() + " are");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** The checks held now. */
    public synchronized int heldNow() {
        return holding.size();
    }

    /** Lets the {@code checks} held longest run on; fails the test if fewer are held. */
    public synchronized void letThrough(int checks) {
        if (holding.size() < checks) {
            throw new AssertionError("asked to let " + checks + " checks through, " + holding.size() + " are held");
        }
        for (int check = 0; check < checks; check++) {
            holding.removeFirst().countDown();
        }
    }

    /** Lets every held check run on, and every later one pass at once. */
    public synchronized void letEveryCheckThrough() {
        open = true;
        holding.forEach(CountDownLatch::countDown);
        holding.clear();
    }

    /** Lets every check through and removes the provider. */
    @Override
    public void close() {
        letEveryCheckThrough();
        Security.removeProvider(NAME);
    }

    private SecretKey derive(PBEKeySpec spec) throws GeneralSecurityException {
        if (salts.contains(ByteBuffer.wrap(spec.getSalt()))) {
            awaitLetThrough();
        }
        return SecretKeyFactory.getInstance(ALGORITHM, JDK_PROVIDER).generateSecret(spec);
    }

    /** Holds the calling thread until let through; an interrupt is kept for the code after, not an escape. */
    private void awaitLetThrough() {
        CountDownLatch gate = new CountDownLatch(1);
        synchronized (this) {
            if (open) {
                return;
            }
            holding.addLast(gate);
            notifyAll();
        }
        boolean interrupted = false;
        while (gate.getCount() > 0) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The provider: one service, whose factories derive through {@link #derive}. */
    private final class Registration extends Provider {

        private Registration() {
            super(NAME, "1", "PBKDF2WithHmacSHA256 holding chosen derivations, for HostClone's tests");
            putService(new Service(this, "SecretKeyFactory", ALGORITHM, Factory.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new Factory();
                }
            });
        }
    }

    private final class Factory extends SecretKeyFactorySpi {

        @Override
        protected SecretKey engineGenerateSecret(KeySpec keySpec) throws InvalidKeySpecException {
            if (!(keySpec instanceof PBEKeySpec spec)) {
                throw new InvalidKeySpecException("a PBEKeySpec is expected, not " + keySpec);
            }
            try {
                return derive(spec);
            } catch (InvalidKeySpecException e) {
                throw e;
            } catch (GeneralSecurityException e) {
                throw new InvalidKeySpecException(e);
            }
        }

        @Override
        protected KeySpec engineGetKeySpec(SecretKey key, Class<?> keySpec) throws InvalidKeySpecException {
            throw new InvalidKeySpecException("not needed by HostClone");
        }

        @Override
        protected SecretKey engineTranslateKey(SecretKey key) throws InvalidKeyException {
            throw new InvalidKeyException("not needed by HostClone");
        }
    }
}
