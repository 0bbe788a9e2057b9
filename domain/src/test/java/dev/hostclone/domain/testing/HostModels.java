package dev.hostclone.domain.testing;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small host model shaped like BlueKing's: identity fields, editable and non-editable attributes,
 * the built-in unique rules and the deletable outer-IP rule. Add to it with {@link #with}.
 */
public final class HostModels {

    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * The security review's pattern, which finds {@link #COSTLY_VALUE} (by {@code .*d}) only after trying the
     * first branch some six million reads long: more than half of one request's pattern budget.
     */
    public static final String COSTLY_PATTERN = "^(?:(.*a){6}c|.*d)$";
    public static final String COSTLY_VALUE = "a".repeat(33) + "d";

    private HostModels() {
    }

    public static HostModel standard() {
        List<Attribute> attributes = new ArrayList<>();
        attributes.add(attribute(1, "bk_host_innerip", AttributeType.SINGLECHAR, false));
        attributes.add(attribute(2, "bk_host_outerip", AttributeType.SINGLECHAR, true));
        attributes.add(attribute(3, "operator", AttributeType.OBJUSER, true));
        attributes.add(attribute(4, "bk_bak_operator", AttributeType.OBJUSER, true));
        attributes.add(attribute(5, "bk_asset_id", AttributeType.SINGLECHAR, false));
        attributes.add(attribute(6, "bk_comment", AttributeType.LONGCHAR, true));
        attributes.add(attribute(7, "bk_cloud_id", AttributeType.FOREIGNKEY, false));
        attributes.add(attribute(8, "bk_host_name", AttributeType.SINGLECHAR, true));
        attributes.add(new Attribute(9, "bk_cpu", "CPU", "CPU", "auto", AttributeType.INT,
                Map.of("min", 1L, "max", 1_000_000L), true, true, false, false, false, null, "", "", "", EPOCH));
        attributes.add(new Attribute(10, "bk_sla", "SLA", "SLA", "default", AttributeType.ENUM,
                List.of(Map.of("id", "1", "name", "L1"), Map.of("id", "2", "name", "L2")),
                true, true, false, false, false, null, "", "", "", EPOCH));
        attributes.add(attribute(11, "bk_host_innerip_v6", AttributeType.SINGLECHAR, false));
        attributes.add(attribute(12, "bk_host_outerip_v6", AttributeType.SINGLECHAR, true));
        attributes.add(attribute(13, "bk_agent_id", AttributeType.SINGLECHAR, false));
        attributes.add(attribute(14, "bk_addressing", AttributeType.ENUM, false));
        attributes.add(attribute(15, "create_time", AttributeType.TIME, false));
        attributes.add(attribute(16, "bk_updated_by", AttributeType.OBJUSER, false));
        List<UniqueRule> rules = List.of(
                new UniqueRule(1, List.of(1L, 7L), true, true, EPOCH),
                new UniqueRule(2, List.of(11L, 7L), true, true, EPOCH),
                new UniqueRule(3, List.of(13L), true, false, EPOCH),
                new UniqueRule(4, List.of(2L), false, false, EPOCH));
        return new HostModel(attributes, rules, 1);
    }

    public static Attribute attribute(long id, String propertyId, AttributeType type, boolean editable) {
        return new Attribute(id, propertyId, propertyId, propertyId, "default", type, null, editable, true,
                false, false, false, null, "", "", "", EPOCH);
    }

    /** A custom field of one business. */
    public static Attribute customField(long id, String propertyId, long business) {
        return patternedField(id, propertyId, business, null);
    }

    /** A custom field of one business whose values must hold {@code pattern} (none: null). */
    public static Attribute patternedField(long id, String propertyId, long business, String pattern) {
        return new Attribute(id, propertyId, propertyId, propertyId, "bizdefault", AttributeType.SINGLECHAR, pattern,
                true, false, false, false, false, BusinessId.of(business), "", "", "", EPOCH);
    }
}
