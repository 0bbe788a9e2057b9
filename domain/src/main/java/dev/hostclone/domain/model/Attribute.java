package dev.hostclone.domain.model;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.HostFields;
import java.time.Instant;
import java.util.Objects;

/**
 * One attribute of the host model. Global when {@code business} is null, otherwise a custom field
 * of that business only. {@code option} is the type's option as on the wire (a range map, an enum
 * list, a regex string, or null). {@code description}, {@code index} ({@code bk_property_index}) and
 * {@code defaultValue} ({@code default}, checked against the type and option, null for none) are what
 * BlueKing's callers send and read back; HostClone keeps and shows them, and fills no host's value from
 * the default.
 */
public record Attribute(
        long id,
        String propertyId,
        String name,
        String nameEn,
        String group,
        AttributeType type,
        Object option,
        boolean editable,
        boolean builtIn,
        boolean system,
        boolean api,
        boolean readonly,
        BusinessId business,
        String unit,
        String placeholder,
        String creator,
        Instant createdAt,
        String description,
        long index,
        Object defaultValue) {

    public Attribute {
        Objects.requireNonNull(propertyId, "propertyId");
        Objects.requireNonNull(type, "type");
        name = name == null ? propertyId : name;
        nameEn = nameEn == null ? name : nameEn;
        group = group == null ? "default" : group;
        unit = unit == null ? "" : unit;
        placeholder = placeholder == null ? "" : placeholder;
        creator = creator == null ? "" : creator;
        description = description == null ? "" : description;
    }

    /** With no description, index 0 and no default, as the built-in attributes are. */
    public Attribute(long id, String propertyId, String name, String nameEn, String group, AttributeType type,
                     Object option, boolean editable, boolean builtIn, boolean system, boolean api, boolean readonly,
                     BusinessId business, String unit, String placeholder, String creator, Instant createdAt) {
        this(id, propertyId, name, nameEn, group, type, option, editable, builtIn, system, api, readonly, business, unit,
                placeholder, creator, createdAt, "", 0, null);
    }

    /**
     * A field outside the host model (of a business, of a cloud area) with a type and option, so that
     * its values are checked by {@link AttributeValues} like a host attribute's.
     */
    public static Attribute field(String propertyId, AttributeType type, Object option) {
        return new Attribute(0, propertyId, propertyId, propertyId, "default", type, option, true, true, false,
                false, false, null, null, null, null, null);
    }

    public boolean isGlobal() {
        return business == null;
    }

    /** Whether this attribute exists for hosts of {@code biz}: global, or a custom field of it. */
    public boolean isVisibleIn(BusinessId biz) {
        return business == null || business.equals(biz);
    }

    /**
     * Whether only HostClone itself sets this attribute: a system or API attribute, or one of the host
     * fields that identify a host or record its history ({@link HostFields#SYSTEM}).
     */
    public boolean isMaintainedBySystem() {
        return system || api || HostFields.SYSTEM.contains(propertyId);
    }

    public Attribute withId(long newId) {
        return new Attribute(newId, propertyId, name, nameEn, group, type, option, editable, builtIn,
                system, api, readonly, business, unit, placeholder, creator, createdAt, description, index, defaultValue);
    }
}
