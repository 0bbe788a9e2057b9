package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueKeys;
import dev.hostclone.domain.model.UniqueRule;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Flyway migration 9: rewrites the stored unique keys whose text changed when key texts became
 * unambiguous (domain {@code UniqueKeyText}). Up to V8 a key's text was the rule id and each value's
 * {@code toString} joined by U+001F, so {@code ["a, b"]} and {@code ["a", "b"]} shared one; a stored
 * key keeping the old text would miss the same values written anew, and a duplicate would get in.
 *
 * <p>Every host's keys are computed again from its document, as the server computes them, with the
 * text they had and the text they have now; only keys whose texts differ (values holding U+001B,
 * U+001F, a comma or a bracket, and lists) are rewritten, so a store whose keys are addresses and
 * names reads its hosts once and writes nothing. The old rows all go before any new one is written:
 * a new text may be an old text of another host's values. The model's lock holds host writes off
 * until the migration commits. Documents stream through a cursor, with only the rules' key fields.
 */
public final class V9__Unambiguous_unique_key_texts extends BaseJavaMigration {

    private static final char OLD_SEPARATOR = '\u001f';
    private static final int BATCH = 1_000;
    private static final String RULES = "SELECT r.id, r.key_attribute_ids, r.builtin, r.static_addressing_only,"
            + " ARRAY(SELECT a.bk_property_id FROM unnest(r.key_attribute_ids) WITH ORDINALITY AS k(id, n)"
            + " JOIN host_attribute a ON a.id = k.id ORDER BY k.n) AS fields FROM host_unique_rule r ORDER BY r.id";
    private static final String HOSTS = "SELECT h.bk_host_id, (SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)"
            + " FROM jsonb_each(h.doc) e WHERE e.key = ANY(?))::text AS doc FROM host h";
    private static final String DELETE_KEY = "DELETE FROM host_unique_key"
            + " WHERE rule_id = ? AND key_hash = sha256(convert_to(?, 'UTF8')) AND bk_host_id = ?";
    private static final String INSERT_KEY = "INSERT INTO host_unique_key (rule_id, key_hash, key_text, bk_host_id)"
            + " VALUES (?, sha256(convert_to(?, 'UTF8')), ?, ?)";

    /** A stored key whose text changes. */
    private record Rewrite(long ruleId, String oldText, String newText, long hostId) {
    }

    /** A rule with its key attributes' property ids in the rule's order. */
    private record KeyedRule(UniqueRule rule, List<String> fields) {
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(ModelRevision.LOCK);
        }
        List<KeyedRule> rules = rules(connection);
        List<Rewrite> rewrites = rewrites(connection, rules);
        inBatches(connection, DELETE_KEY, rewrites, (delete, rewrite) -> {
            delete.setLong(1, rewrite.ruleId());
            delete.setString(2, rewrite.oldText());
            delete.setLong(3, rewrite.hostId());
        });
        inBatches(connection, INSERT_KEY, rewrites, (insert, rewrite) -> {
            insert.setLong(1, rewrite.ruleId());
            insert.setString(2, rewrite.newText());
            insert.setString(3, rewrite.newText());
            insert.setLong(4, rewrite.hostId());
        });
    }

    /** Sets a statement's parameters for one rewrite. */
    private interface Binding {
        void bind(PreparedStatement statement, Rewrite rewrite) throws SQLException;
    }

    /** {@code sql} once for each rewrite, sent {@link #BATCH} at a time. */
    private static void inBatches(Connection connection, String sql, List<Rewrite> rewrites, Binding binding)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < rewrites.size(); i++) {
                binding.bind(statement, rewrites.get(i));
                statement.addBatch();
                if ((i + 1) % BATCH == 0 || i == rewrites.size() - 1) {
                    statement.executeBatch();
                }
            }
        }
    }

    private static List<KeyedRule> rules(Connection connection) throws SQLException {
        List<KeyedRule> rules = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet read = statement.executeQuery(RULES)) {
            while (read.next()) {
                List<Long> keyAttributeIds = Arrays.asList((Long[]) read.getArray("key_attribute_ids").getArray());
                List<String> fields = Arrays.asList((String[]) read.getArray("fields").getArray());
                if (fields.size() != keyAttributeIds.size()) {
                    throw new IllegalStateException("unique rule " + read.getLong("id") + " names attributes "
                            + keyAttributeIds + " of which only " + fields + " exist");
                }
                // only the keys are computed here; rules have no stored time before V10
                rules.add(new KeyedRule(new UniqueRule(read.getLong("id"), keyAttributeIds, read.getBoolean("builtin"),
                        read.getBoolean("static_addressing_only"), Instant.EPOCH), fields));
            }
        }
        return rules;
    }

    private static List<Rewrite> rewrites(Connection connection, List<KeyedRule> rules) throws SQLException {
        Set<String> read = new LinkedHashSet<>(UniqueKeys.FIELDS_READ_BESIDES_KEYS);
        rules.forEach(rule -> read.addAll(rule.fields()));
        List<Rewrite> rewrites = new ArrayList<>();
        try (PreparedStatement hosts = connection.prepareStatement(HOSTS)) {
            Array names = connection.createArrayOf("text", read.toArray());
            hosts.setArray(1, names);
            // a cursor, not every document at once: the driver streams only outside autocommit
            hosts.setFetchSize(BATCH);
            try (ResultSet host = hosts.executeQuery()) {
                while (host.next()) {
                    long hostId = host.getLong("bk_host_id");
                    Map<String, Object> document = JsonText.readHostDocument(host.getString("doc"));
                    for (KeyedRule rule : rules) {
                        for (UniqueKey key : UniqueKeys.of(document, rule.rule(), rule.fields())) {
                            String oldText = oldText(key);
                            if (!oldText.equals(key.text())) {
                                rewrites.add(new Rewrite(key.ruleId(), oldText, key.text(), hostId));
                            }
                        }
                    }
                }
            }
        }
        return rewrites;
    }

    /** The text V1 to V8 stored for a key. */
    private static String oldText(UniqueKey key) {
        StringBuilder text = new StringBuilder().append(key.ruleId());
        key.values().forEach(value -> text.append(OLD_SEPARATOR).append(Objects.toString(value)));
        return text.toString();
    }
}
