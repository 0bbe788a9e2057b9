package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PgSettingsTest {

    @Test
    void givenFullUrl_whenParsing_thenEveryPartIsRead() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc:s%40cret@db.example:6543/hostclone");

        assertThat(settings.host()).isEqualTo("db.example");
        assertThat(settings.port()).isEqualTo(6543);
        assertThat(settings.database()).isEqualTo("hostclone");
        assertThat(settings.user()).isEqualTo("hc");
        assertThat(settings.password()).isEqualTo("s@cret");
        assertThat(settings.poolSize()).isEqualTo(PgSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.timeout()).isEqualTo(PgSettings.DEFAULT_TIMEOUT);
        assertThat(settings.listenForModelChanges()).isTrue();
    }

    @Test
    void givenShortSchemeWithoutPortOrDatabase_whenParsing_thenLibpqDefaultsApply() {
        PgSettings settings = PgSettings.fromUrl("postgres://hc@localhost");

        assertThat(settings.port()).isEqualTo(5432);
        assertThat(settings.database()).isEqualTo("hc");
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void givenJdbcPrefixIpv6HostAndParameters_whenParsing_thenTheyAreRead() {
        PgSettings settings = PgSettings.fromUrl("jdbc:postgresql://hc:pw@[::1]:5433/db?pool_size=3&connect_timeout=2");

        assertThat(settings.host()).isEqualTo("::1");
        assertThat(settings.poolSize()).isEqualTo(3);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5433/db");
    }

    @Test
    void givenSettings_whenWrittenAsUrl_thenParsingGivesThemBack() {
        PgSettings settings = new PgSettings("localhost", 5433, "my db", "user", "p@ss:w/rd", 4, Duration.ofSeconds(3), true);

        assertThat(PgSettings.fromUrl(settings.url())).isEqualTo(settings);
    }

    @Test
    void givenSettings_whenPrinted_thenThePasswordIsHidden() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc:topsecret@localhost/db");

        assertThat(settings.toString()).contains("hc@localhost:5432/db").doesNotContain("topsecret");
    }

    @Test
    void givenBadUrls_whenParsing_thenRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> PgSettings.fromUrl("mysql://hc:topsecret@localhost/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://localhost/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no user");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@localhost/db?sslmode=require"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sslmode");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@localhost/db?pool_size=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size");
    }
}
