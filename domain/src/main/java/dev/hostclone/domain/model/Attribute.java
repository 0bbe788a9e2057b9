package dev.hostclone.domain.model;

import dev.hostclone.domain.business.BusinessId;
import java.time.Instant;
import java.util.Objects;

/**
 * One attribute of the host model. Global when {@code business} is null, otherwise a custom field
 * of that business only. {@code option} is the type's option as on the wire (a range map, an enum
 * list, a regex string, or null).
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
        Instant createdAt) {

    public Attribute {
        Objects.requireNonNull(propertyId, "propertyId");
        Objects.requireNonNull(type, "type");
        name = name == null ? propertyId : name;
        nameEn = nameEn == null ? name : nameEn;
        group = group == null ? "default" : group;
        unit = unit == null ? "" : unit;
        placeholder = placeholder == null ? "" : placeholder;
        creator = creator == null ? "" : creator;
    }

    public boolean isGlobal() {
        return business == null;
    }

    /** Whether this attribute exists for hosts of {@code biz}: global, or a custom field of it. */
    public boolean isVisibleIn(BusinessId biz) {
        return business == null || business.equals(biz);
    }

    public Attribute withId(long newId) {
        return new Attribute(newId, propertyId, name, nameEn, group, type, option, editable, builtIn,
                system, api, readonly, business, unit, placeholder, creator, createdAt);
    }
}
