package dev.hostclone.adapter.persistence;

import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host model every store starts with: BlueKing's current defaults, read from the bundled
 * {@code hostclone/host-model.json}. Attributes get ids 1..n and rules 1..m in file order, all made at the
 * time given.
 */
public final class BuiltInHostModel {

    public static final String RESOURCE = "hostclone/host-model.json";
    /** The user BlueKing names as creator of everything built in. */
    public static final String CREATOR = "cc_system";

    private BuiltInHostModel() {
    }

    public static HostModel load(Instant createdAt) {
        JsonObject json = new JsonObject(read());
        List<Attribute> attributes = new ArrayList<>();
        Map<String, Long> idsByProperty = new HashMap<>();
        JsonArray rawAttributes = json.getJsonArray("attributes");
        for (int i = 0; i < rawAttributes.size(); i++) {
            JsonObject raw = rawAttributes.getJsonObject(i);
            long id = i + 1L;
            String propertyId = raw.getString("bk_property_id");
            AttributeType type = AttributeType.fromWire(raw.getString("bk_property_type"))
                    .orElseThrow(() -> new IllegalStateException("unknown type in " + RESOURCE + ": " + raw));
            Object option = raw.getValue("option");
            attributes.add(new Attribute(id, propertyId, raw.getString("bk_property_name"),
                    raw.getString("bk_property_name_en"), raw.getString("bk_property_group"), type,
                    PlainJson.of(option), raw.getBoolean("editable", false), true,
                    raw.getBoolean("bk_issystem", false), raw.getBoolean("bk_isapi", false),
                    raw.getBoolean("isreadonly", false), null, raw.getString("unit"), null, CREATOR, createdAt));
            idsByProperty.put(propertyId, id);
        }
        List<UniqueRule> rules = new ArrayList<>();
        JsonArray rawRules = json.getJsonArray("unique_rules");
        for (int i = 0; i < rawRules.size(); i++) {
            JsonObject raw = rawRules.getJsonObject(i);
            List<Long> keys = raw.getJsonArray("keys").stream()
                    .map(key -> idsByProperty.get((String) key))
                    .toList();
            rules.add(new UniqueRule(i + 1L, keys, raw.getBoolean("builtin", false),
                    raw.getBoolean("static_addressing_only", false), createdAt));
        }
        return new HostModel(attributes, rules, 1);
    }

    private static String read() {
        try (InputStream in = BuiltInHostModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
