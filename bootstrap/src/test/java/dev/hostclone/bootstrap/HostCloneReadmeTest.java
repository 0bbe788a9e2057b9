package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.clone.FieldChange;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.IpAddress;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding snippets hold as written: each is text of this class between the markers, which the README
 * holds; the first runs, the others (on a PostgreSQL URL, a registry and an IAM of the application's) compile. Until
 * 2026-12-06 the first cloned on an empty store, and failed with {@code NO_HOST_MATCHES}; until 2026-12-07 the others
 * were held to nothing.
 */
class HostCloneReadmeTest {

    private static final String FROM = "snippet, from here";
    private static final String TO = "// to here";

    @Test
    void givenTheReadmesFirstEmbeddingSnippet_whenRunAsWritten_thenItClones() {
        CloneOutcome cloned;
        // the README's first embedding snippet, from here
        try (HostClone hostClone = HostClone.inMemory(Set.of("admin"))) {
            Actor actor = new Actor("my-app", "admin", "job-42");
            // a business and its hosts first: the store starts empty
            Business shop = hostClone.createBusiness().createBusiness(actor,
                    new CreateBusinessCommand(Map.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice")))
                    .toCompletableFuture().join();
            hostClone.addHostsToBusinessIdle().addHostsToBusinessIdle(actor, new AddHostsCommand(shop.id(), List.of(
                    Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "bk_os_name", "Debian"),
                    Map.of("bk_host_innerip", "10.0.0.2", "bk_cloud_id", 0L)))).toCompletableFuture().join();
            CloneOutcome outcome = hostClone.cloneHostProperty().cloneHostProperty(actor,
                    CloneHostPropertyCommand.byInnerIp(shop.id(), CloudAreaId.DEFAULT,
                            IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2")))
                .toCompletableFuture().join();
            // to here
            cloned = outcome;
        }

        assertThat(cloned).isInstanceOfSatisfying(CloneOutcome.Cloned.class, outcome -> assertThat(outcome.changes())
                .containsExactly(new FieldChange("bk_os_name", null, "Debian")));
    }

    /** The README's snippet of a retention and a registry: compiled, not run (it needs a PostgreSQL). */
    @SuppressWarnings("try") // the snippet's body is a comment
    private static void readmesRetentionSnippet(String url, MeterRegistry registry) {
        // the README's retention snippet, from here
        HostClone.Options options = HostClone.Options.defaults()
                .withAuditRetention(Duration.ofDays(90))
                .withRegistry(registry); // optional
        try (HostClone hostClone = HostClone.onPostgres(url, Set.of("admin"), options)) {
            // its use cases, as above
        }
        // to here
    }

    /** The README's snippet of an application's IAM: compiled, not run. */
    @SuppressWarnings("try") // the snippet's body is a comment
    private static void readmesAuthorizerSnippet(String url, Iam myIam) {
        // the README's authorizer snippet, from here
        AuthorizePort iam = (actor, required) -> myIam.missing(actor.user(), required) // those it lacks, or none
                .exceptionallyCompose(down -> CompletableFuture.failedStage(
                        new AuthorizationUndecidedException("IAM at iam.example:443: " + down.getMessage(), down)));
        try (HostClone hostClone = HostClone.onPostgres(url, Set.of(),
                HostClone.Options.defaults().withAuthorizer(iam))) {
            // its use cases, as above
        }
        // to here
    }

    /** What an application's IAM client may look like, as the README's snippet calls it. */
    private interface Iam {

        CompletionStage<List<Permission>> missing(String user, List<Permission> required);
    }

    /** Each snippet above, word for word, in the README; its indentation taken off both. */
    @Test
    void givenTheReadme_whenItsEmbeddingSectionIsRead_thenItHoldsEachSnippetOfThisTest() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/hostclone/bootstrap/HostCloneReadmeTest.java"));
        String readme = unindented(Files.readString(Path.of("../README.md")));
        List<String> bodies = new ArrayList<>();
        for (int from = source.indexOf(FROM, source.indexOf(TO) + 1); from >= 0; from = source.indexOf(FROM, from + 1)) {
            bodies.add(source.substring(from + FROM.length(), source.indexOf(TO, from)));
        }

        // the first ends inside its try, whose brace the README closes
        assertThat(bodies).hasSize(3).allSatisfy(body -> assertThat(readme)
                .contains(unindented(body).endsWith("}") ? unindented(body) : unindented(body) + "\n}"));
    }

    /** Each line without its leading blanks, blank lines dropped. */
    private static String unindented(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
