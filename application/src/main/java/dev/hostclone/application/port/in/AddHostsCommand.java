package dev.hostclone.application.port.in;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Hosts to add to a business, each as its attribute values: 1 to {@link #MAX_HOSTS} of them, or a
 * rejection naming {@code bk_host_list}. Whether each host's values fit the model is the use case's to
 * check.
 *
 * <p>Values are given as JSON decodes them, or as Java writes them: {@code String}; {@code Boolean};
 * {@code List} of these; for a whole number ({@code bk_cloud_id}, an {@code int} attribute) a {@code Long},
 * {@code Integer}, {@code Short} or {@code Byte}, a {@code BigInteger} or {@code BigDecimal} whose value is
 * whole and within a long's range ({@code Map.of("bk_cloud_id", 0, "bk_cpu", 16)}), or a {@code Double} or
 * {@code Float} whose value is whole and within 2^53 of zero ({@code 16.0}, as BlueKing takes JSON's); for a
 * {@code float} attribute any of those, a {@code Double}, a {@code Float} (taken by its digits: {@code 0.1f} is
 * 0.1), or a {@code BigDecimal} or {@code BigInteger} that a double holds exactly or prints back. Anything else
 * is refused as a value of the wrong type, {@code WRONG_TYPE_OR_OPTION}, naming the field: a fraction for a
 * whole number ({@code 16.5}, a {@code BigDecimal} with a fraction); a {@code BigDecimal} no double keeps; a
 * number for an enum, whose ids are texts ({@code "1"}). Stored numbers are {@code Long} and {@code Double},
 * whatever they were given as.
 */
public record AddHostsCommand(BusinessId business, List<Map<String, Object>> hosts) {

    public static final int MAX_HOSTS = 200;
    public static final String HOST_LIST = "bk_host_list";

    /**
     * Each host kept as an unmodifiable copy of its values in the order given, as the other commands of values as sent
     * keep theirs (until 2026-12-07 the caller's own maps, read as the use case ran); a null list, host or name refused
     * naming it (until 2026-12-06, {@code List.copyOf}'s NPE named its own parameter).
     */
    public AddHostsCommand {
        Objects.requireNonNull(business, "business");
        List<Map<String, Object>> given = Fields.listCopyOf(hosts, "hosts");
        if (given.isEmpty()) {
            throw RejectedException.because(new Failure.MissingField(HOST_LIST));
        }
        if (given.size() > MAX_HOSTS) {
            throw RejectedException.because(new Failure.TooMany(HOST_LIST, MAX_HOSTS));
        }
        // copied once counted: a list far over the limit is refused without a copy of each
        hosts = IntStream.range(0, given.size())
                .mapToObj(index -> Fields.copyOf(given.get(index), "hosts[" + index + "]"))
                .toList();
    }
}
