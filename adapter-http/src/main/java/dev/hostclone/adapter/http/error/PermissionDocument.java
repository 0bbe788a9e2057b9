package dev.hostclone.adapter.http.error;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code permission} object of a 9900403 answer in BlueKing's (IAM's) shape (API.md §6): one action per action
 * missing, in the order first missed, and under it one resource type per type, each resource path an instance of it,
 * once; an action missed platform-wide has no resource type. BlueKing writes a batch's hosts so
 * ({@code GenEditBizHostNoPermissionResp(hostIDs)}: one {@code edit_biz_host}, an instance per host), and IAM's page
 * to apply for a permission reads an action once. Until 2026-12-07 each missing permission was an action of its own.
 */
final class PermissionDocument {

    private static final String SYSTEM_ID = "bk_cmdb";

    private PermissionDocument() {
    }

    static ObjectNode of(List<Permission> missing) {
        Map<String, Map<String, Set<List<Resource>>>> byAction = new LinkedHashMap<>();
        for (Permission permission : missing) {
            Map<String, Set<List<Resource>>> byType =
                    byAction.computeIfAbsent(permission.action().id(), action -> new LinkedHashMap<>());
            if (!permission.path().isEmpty()) {
                byType.computeIfAbsent(permission.resourceType(), type -> new LinkedHashSet<>()).add(permission.path());
            }
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("system_id", SYSTEM_ID);
        document.put("system_name", "");
        ArrayNode actions = document.putArray("actions");
        byAction.forEach((id, byType) -> {
            ObjectNode action = actions.addObject();
            action.put("id", id);
            action.put("name", "");
            ArrayNode types = action.putArray("related_resource_types");
            byType.forEach((resourceType, paths) -> {
                ObjectNode type = types.addObject();
                type.put("system_id", SYSTEM_ID);
                type.put("system_name", "");
                type.put("type", resourceType);
                type.put("type_name", "");
                ArrayNode instances = type.putArray("instances");
                paths.forEach(path -> instance(instances.addArray(), path));
            });
        });
        return document;
    }

    private static void instance(ArrayNode instance, List<Resource> path) {
        for (Resource step : path) {
            ObjectNode entry = instance.addObject();
            entry.put("type", step.type());
            entry.put("type_name", "");
            entry.put("id", step.id());
            entry.put("name", "");
        }
    }
}
