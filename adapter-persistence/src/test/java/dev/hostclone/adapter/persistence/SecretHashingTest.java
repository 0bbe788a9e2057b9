package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretHashingTest {

    private final SecretHashing hashing = new SecretHashing();

    @Test
    void givenAHashOfASecret_whenChecked_thenOnlyThatSecretMatchesAndEachHashIsSaltedAnew() {
        String hash = SecretHashing.hash("s3cret");

        assertThat(hashing.matches("s3cret", hash)).isTrue();
        assertThat(hashing.matches("s3cret!", hash)).isFalse();
        assertThat(hashing.matches("s3cret", "s3cret")).as("stored in clear, not as a hash").isFalse();
        assertThat(SecretHashing.hash("s3cret")).isNotEqualTo(hash);
    }

    @Test
    void givenASecretProvenOnce_whenCheckedAgain_thenOnlyThatSecretAgainstThatHashIsProvenBefore() {
        String hash = SecretHashing.hash("s3cret");

        assertThat(hashing.provenBefore("s3cret", hash)).as("before any proof").isFalse();
        assertThat(hashing.matches("s3cret", hash)).isTrue();
        assertThat(hashing.provenBefore("s3cret", hash)).isTrue();
        assertThat(hashing.matches("s3cret", hash)).as("proven: matched again").isTrue();
        assertThat(hashing.matches("s3cret!", hash)).as("another secret after a proof").isFalse();
        assertThat(hashing.provenBefore("s3cret!", hash)).isFalse();
        assertThat(hashing.provenBefore("", hash)).isFalse();
        assertThat(hashing.provenBefore("s3cret", SecretHashing.hash("s3cret"))).as("another hash of it").isFalse();
    }

    @Test
    void givenProvenSecrets_whenCheckedFromManyThreadsAtOnce_thenEachCheckAnswersForItsOwnSecret() {
        List<String> secrets = IntStream.range(0, 8).mapToObj(i -> "secret-" + i).toList();
        List<String> hashes = secrets.stream().map(SecretHashing::hashRandom).toList();
        IntStream.range(0, secrets.size()).forEach(i -> assertThat(hashing.matches(secrets.get(i), hashes.get(i))).isTrue());

        List<Boolean> answers = IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> hashing.provenBefore(secrets.get(i % 8), hashes.get(i % 8))
                        && !hashing.provenBefore(secrets.get((i + 1) % 8), hashes.get(i % 8)))
                .toList();

        assertThat(answers).containsOnly(true);
    }

    @Test
    void givenTexts_whenAskedWhetherEachIsAHash_thenOnlyTheSchemesFormIs() {
        String hash = SecretHashing.hash("s3cret");
        String[] parts = hash.split("\\$");

        assertThat(SecretHashing.isHash(hash)).isTrue();
        assertThat(SecretHashing.isHash("s3cret")).as("a secret in clear").isFalse();
        assertThat(SecretHashing.isHash("")).isFalse();
        assertThat(SecretHashing.isHash("md5$" + parts[1] + "$" + parts[2] + "$" + parts[3])).as("another scheme").isFalse();
        assertThat(SecretHashing.isHash(parts[0] + "$0$" + parts[2] + "$" + parts[3])).as("no iterations").isFalse();
        assertThat(SecretHashing.isHash(parts[0] + "$" + parts[1] + "$" + parts[2] + "$AAAA")).as("a short hash").isFalse();
        assertThat(SecretHashing.isHash(parts[0] + "$" + parts[1] + "$not base64!$" + parts[3])).as("a broken salt").isFalse();
        assertThat(SecretHashing.isHash(parts[0] + "$" + parts[1] + "$$" + parts[3])).as("no salt").isFalse();
        assertThat(SecretHashing.isHash(hash + "$more")).isFalse();
    }

    @Test
    void givenAHashOfARandomSecret_whenChecked_thenItIsOneIterationAndOnlyThatSecretMatches() {
        String secret = "5f0c2a9be81d4473a6c0f1e29b7d3c85e4a1f60b2d9c7e38";
        String hash = SecretHashing.hashRandom(secret);

        assertThat(hash).startsWith("pbkdf2-sha256$1$");
        assertThat(SecretHashing.isHash(hash)).isTrue();
        assertThat(hashing.matches(secret, hash)).isTrue();
        assertThat(new SecretHashing().matches(secret.substring(1), hash)).isFalse();
        assertThat(SecretHashing.hashRandom(secret)).isNotEqualTo(hash);
    }

    @Test
    void givenTexts_whenAskedWhetherEachLooksLikeAHash_thenWhatStartsAsOneDoesWholeOrNot() {
        String hash = SecretHashing.hash("s3cret");

        assertThat(SecretHashing.looksLikeHash(hash)).isTrue();
        assertThat(SecretHashing.looksLikeHash(hash.substring(0, 20))).isTrue();
        assertThat(SecretHashing.looksLikeHash("s3cret")).isFalse();
        // what a shell leaves of a hash in double quotes: each $… taken for a variable, none left
        assertThat(SecretHashing.looksLikeHash("pbkdf2-sha2560000+QdN/x")).isTrue();
        assertThat(SecretHashing.looksLikeHash("pbkdf2-sha256")).as("the scheme's name alone").isTrue();
    }
}
