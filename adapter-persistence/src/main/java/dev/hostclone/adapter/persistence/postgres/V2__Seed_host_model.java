package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.BuiltInHostModel;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration 2: seeds the built-in host model from the bundled host-model.json, through
 * {@link BuiltInHostModel} itself, so the stored ids are exactly the ones the memory store uses.
 */
public final class V2__Seed_host_model extends BaseJavaMigration {

    private static final String INSERT_ATTRIBUTE = "INSERT INTO host_attribute (id, bk_property_id, bk_property_name,"
            + " bk_property_name_en, bk_property_group, bk_property_type, option, editable, builtin, bk_issystem,"
            + " bk_isapi, isreadonly, bk_biz_id, unit, placeholder, creator, create_time)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RULE = "INSERT INTO host_unique_rule (id, key_attribute_ids, builtin,"
            + " static_addressing_only) VALUES (?, ?, ?, ?)";

    @Override
    public void migrate(Context context) throws SQLException {
        // timestamptz keeps microseconds; seed what the column can hold
        HostModel model = BuiltInHostModel.load(Instant.now().truncatedTo(ChronoUnit.MICROS));
        Connection connection = context.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTRIBUTE)) {
            for (Attribute attribute : model.attributes()) {
                int i = 0;
                insert.setLong(++i, attribute.id());
                insert.setString(++i, attribute.propertyId());
                insert.setString(++i, attribute.name());
                insert.setString(++i, attribute.nameEn());
                insert.setString(++i, attribute.group());
                insert.setString(++i, attribute.type().wireName());
                insert.setString(++i, attribute.option() == null ? null : JsonText.writeValue(attribute.option()));
                insert.setBoolean(++i, attribute.editable());
                insert.setBoolean(++i, attribute.builtIn());
                insert.setBoolean(++i, attribute.system());
                insert.setBoolean(++i, attribute.api());
                insert.setBoolean(++i, attribute.readonly());
                if (attribute.business() == null) {
                    insert.setNull(++i, Types.BIGINT);
                } else {
                    insert.setLong(++i, attribute.business().value());
                }
                insert.setString(++i, attribute.unit());
                insert.setString(++i, attribute.placeholder());
                insert.setString(++i, attribute.creator());
                insert.setObject(++i, attribute.createdAt().atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RULE)) {
            for (UniqueRule rule : model.uniqueRules()) {
                insert.setLong(1, rule.id());
                insert.setArray(2, connection.createArrayOf("bigint", rule.keyAttributeIds().toArray()));
                insert.setBoolean(3, rule.builtIn());
                insert.setBoolean(4, rule.staticAddressingOnly());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            // new attributes and rules continue after the built-in ids
            statement.execute("SELECT setval('host_attribute_id_seq', (SELECT max(id) FROM host_attribute))");
            statement.execute("SELECT setval('host_unique_rule_id_seq', (SELECT max(id) FROM host_unique_rule))");
            statement.execute("UPDATE host_model_state SET revision = " + model.revision() + " WHERE id = 1");
        }
    }
}
