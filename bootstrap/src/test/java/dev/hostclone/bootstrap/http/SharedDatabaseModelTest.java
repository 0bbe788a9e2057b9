package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database, each caching the host model: a model change made through
 * one is followed at once by a clone through the other. Each scenario first clones through the
 * other server, so that server holds the model as it was before the change.
 */
class SharedDatabaseModelTest extends EndToEndScenarios {

    private final String databaseUrl = TestPostgres.databaseUrl();
    private HostCloneServer other;
    private ApiClient otherAdmin;

    long business;
    long source;
    long destination;

    @Override
    Configuration configuration() {
        return onPostgres(databaseUrl);
    }

    @BeforeAll
    void startTheOtherServer() {
        other = HostCloneServer.start(configuration());
        otherAdmin = clientOf(other, ADMIN);
    }

    @AfterAll
    void stopTheOtherServer() {
        if (other != null) {
            other.close();
        }
    }

    @BeforeEach
    void twoHostsClonedThroughTheOtherServer() {
        business = aBusiness();
        List<Long> ids = hosts(business, host(anIp(), OUTER_IP, anIp()), host(anIp()));
        source = ids.get(0);
        destination = ids.get(1);
        cloneById(otherAdmin, business, source, destination);
    }

    @Test
    void givenAttributeCreatedThroughOneServer_whenCloningThroughTheOther_thenItIsCopied() {
        String team = aName("team");
        createAttribute(admin, singlechar(team));
        update(source, team, "storage");

        cloneById(otherAdmin, business, source, destination);

        assertThat(baseInfo(destination).get(team).asText()).isEqualTo("storage");
    }

    @Test
    void givenOuterIpRuleDeletedThroughOneServer_whenCloningThroughTheOther_thenOuterIpIsCopied() {
        assertThat(baseInfo(destination).get(OUTER_IP).isNull()).as("outer IP is in a unique rule").isTrue();

        assertSucceeded(admin.v3("delete_object_unique", json(fields("id", outerIpRule(admin)))));
        cloneById(otherAdmin, business, source, destination);

        assertThat(baseInfo(destination).get(OUTER_IP)).isEqualTo(baseInfo(source).get(OUTER_IP));
    }
}
