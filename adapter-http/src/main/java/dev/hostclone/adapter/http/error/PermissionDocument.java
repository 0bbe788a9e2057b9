package dev.hostclone.adapter.http.error;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import java.util.List;

/**
 * The {@code permission} object of a 9900403 answer in BlueKing's (IAM's) shape (API.md §6): one
 * action per missing permission, its resource path as the one instance.
 */
final class PermissionDocument {

    private static final String SYSTEM_ID = "bk_cmdb";

    private PermissionDocument() {
    }

    static ObjectNode of(List<Permission> missing) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("system_id", SYSTEM_ID);
        document.put("system_name", "");
        ArrayNode actions = document.putArray("actions");
        for (Permission permission : missing) {
            ObjectNode action = actions.addObject();
            action.put("id", permission.action().id());
            action.put("name", "");
            ArrayNode types = action.putArray("related_resource_types");
            if (!permission.path().isEmpty()) {
                ObjectNode type = types.addObject();
                type.put("system_id", SYSTEM_ID);
                type.put("system_name", "");
                type.put("type", permission.resourceType());
                type.put("type_name", "");
                ArrayNode instance = type.putArray("instances").addArray();
                for (Resource step : permission.path()) {
                    ObjectNode entry = instance.addObject();
                    entry.put("type", step.type());
                    entry.put("type_name", "");
                    entry.put("id", step.id());
                    entry.put("name", "");
                }
            }
        }
        return document;
    }
}
