package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.clone.FieldChange;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's first embedding snippet runs as written: it is this test's body between the markers, and the README
 * holds that text. Until 2026-12-06 it cloned on an empty store, and failed with {@code NO_HOST_MATCHES}.
 */
class HostCloneReadmeTest {

    private static final String FROM = "// the README's first embedding snippet, from here";
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

    /** The snippet above, word for word, in the README; its indentation taken off both. */
    @Test
    void givenTheReadme_whenItsEmbeddingSectionIsRead_thenItHoldsTheSnippetThisTestRuns() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/hostclone/bootstrap/HostCloneReadmeTest.java"));
        String body = source.substring(source.lastIndexOf(FROM) + FROM.length(), source.lastIndexOf(TO));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(unindented(readme)).contains(unindented(body) + "\n}");
    }

    /** Each line without its leading blanks, blank lines dropped. */
    private static String unindented(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
    }
}
