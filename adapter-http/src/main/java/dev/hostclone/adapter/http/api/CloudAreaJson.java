package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.host.HostFields;

/**
 * A cloud area as search_cloud_area answers it (BlueKing's shape): id, name, supplier account
 * {@code "0"}, {@code default} 1 for the built-in area, creator and times, then its other
 * properties, each of them present as BlueKing answers them: one never set at its
 * {@linkplain CloudArea#unsetValue unset value} (until 2026-12-07 it was left out). Areas are never
 * edited here, so the last editor and time are the creator and creation.
 */
final class CloudAreaJson {

    private CloudAreaJson() {
    }

    static ObjectNode of(CloudArea area) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put(CloudArea.ID, area.id().value());
        data.put(CloudArea.NAME, area.name());
        data.put(CommonParameters.SUPPLIER_ACCOUNT, CommonParameters.DEFAULT_SUPPLIER_ACCOUNT);
        data.put(CloudArea.BUILT_IN, area.isBuiltIn() ? 1 : 0);
        data.put(CloudArea.CREATOR, area.creator());
        data.put(CloudArea.LAST_EDITOR, area.creator());
        String created = HostFields.timestamp(area.createdAt());
        data.put(HostFields.CREATE_TIME, created);
        data.put(HostFields.LAST_TIME, created);
        area.propertiesWithUnsetValues().forEach((key, value) -> {
            if (!key.equals(CloudArea.ID) && !key.equals(CloudArea.NAME)) {
                data.set(key, Json.MAPPER.valueToTree(value));
            }
        });
        return data;
    }
}
