package dev.hostclone.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** add_host_to_business_idle's request refuses a host list of no hosts or too many, before any use case sees it. */
class AddHostsCommandTest {

    private static final BusinessId SHOP = BusinessId.of(2);
    private static final Map<String, Object> HOST = Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L);

    @Test
    void givenOneTo200Hosts_whenMade_thenItHoldsThemInOrder() {
        List<Map<String, Object>> most = Collections.nCopies(AddHostsCommand.MAX_HOSTS, HOST);

        assertThat(new AddHostsCommand(SHOP, most).hosts()).isEqualTo(most);
        assertThat(new AddHostsCommand(SHOP, List.of(HOST)).hosts()).containsExactly(HOST);
    }

    @Test
    void givenNoHostOrMoreThan200_whenMade_thenTheListIsNamed() {
        assertThat(refusalOf(List.of())).isEqualTo(new Failure.MissingField("bk_host_list"));
        assertThat(refusalOf(Collections.nCopies(AddHostsCommand.MAX_HOSTS + 1, HOST)))
                .isEqualTo(new Failure.TooMany("bk_host_list", 200));
    }

    @Test
    void givenANullListOrHost_whenMade_thenTheNullIsNamed() {
        assertThatNullPointerException().isThrownBy(() -> new AddHostsCommand(SHOP, null)).withMessage("hosts");
        assertThatNullPointerException().isThrownBy(() -> new AddHostsCommand(SHOP, Arrays.asList(HOST, null)))
                .withMessage("hosts[1] is null");
    }

    private static Failure refusalOf(List<Map<String, Object>> hosts) {
        RejectedException refused = catchThrowableOfType(() -> new AddHostsCommand(SHOP, hosts), RejectedException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.failure();
    }
}
