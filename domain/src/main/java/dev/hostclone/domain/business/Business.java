package dev.hostclone.domain.business;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A business and its attributes as BlueKing returns them ({@code bk_biz_name},
 * {@code bk_biz_maintainer}, {@code life_cycle}, ...). Maintainers decide who may edit its hosts.
 */
public record Business(BusinessId id, Map<String, Object> properties) {

    public static final String ID = "bk_biz_id";
    public static final String NAME = "bk_biz_name";
    public static final String MAINTAINER = "bk_biz_maintainer";

    public Business {
        Objects.requireNonNull(id, "id");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String name() {
        return String.valueOf(properties.get(NAME));
    }

    /** The users listed in {@code bk_biz_maintainer} (a comma list on the wire). */
    public List<String> maintainers() {
        Object raw = properties.get(MAINTAINER);
        if (raw == null) {
            return List.of();
        }
        return Arrays.stream(raw.toString().split(","))
                .map(String::trim)
                .filter(user -> !user.isEmpty())
                .toList();
    }
}
