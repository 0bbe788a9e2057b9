package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeDefinition;
import dev.hostclone.domain.model.AttributeType;
import java.util.Map;

/**
 * A host attribute in BlueKing's shape, the one encoding of search_object_attribute,
 * create_object_attribute and create_biz_custom_field: the name in the request's language,
 * {@code ispre} for built-in, {@code bk_biz_id} 0 when global, {@code option} {@code ""} when the
 * type has none (as BlueKing shows it). Host attributes are never required, and uniqueness is
 * modelled by unique rules, so {@code isrequired} and {@code isonly} are false; {@code ismultiple} is
 * true for the types that hold several values ({@code enummulti}, {@code objuser}), as BlueKing sets it.
 * {@code bk_property_group_name} is the group's name in the request's language, as BlueKing answers it beside
 * the group's id; a group it does not name goes by its id, as BlueKing's does.
 */
final class AttributeJson {

    /** The host model's groups BlueKing makes, by id. */
    private static final Map<String, GroupName> GROUP_NAMES = Map.of(
            AttributeDefinition.GLOBAL_GROUP, new GroupName("基础信息", "Basic Info"),
            "auto", new GroupName("自动发现信息", "Auto Discovery Info"),
            AttributeDefinition.BUSINESS_GROUP, new GroupName("业务自定义分组", "Business Custom Group"));

    private record GroupName(String chinese, String english) {}

    private AttributeJson() {
    }

    static ObjectNode of(Attribute attribute, Language language) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("id", attribute.id());
        data.put(HostObject.FIELD, HostObject.HOST);
        data.put("bk_property_id", attribute.propertyId());
        data.put("bk_property_name", language.pick(attribute.name(), attribute.nameEn()));
        data.put("bk_property_group", attribute.group());
        data.put("bk_property_group_name", groupName(attribute.group(), language));
        data.put("bk_property_type", attribute.type().wireName());
        data.set("option", Json.MAPPER.valueToTree(attribute.option() == null ? "" : attribute.option()));
        data.set("default", Json.MAPPER.valueToTree(attribute.defaultValue()));
        data.put("ismultiple", attribute.type() == AttributeType.ENUMMULTI || attribute.type() == AttributeType.OBJUSER);
        data.put("bk_property_index", attribute.index());
        data.put("description", attribute.description());
        data.put("unit", attribute.unit());
        data.put("placeholder", attribute.placeholder());
        data.put("editable", attribute.editable());
        data.put("ispre", attribute.builtIn());
        data.put("isrequired", false);
        data.put("isreadonly", attribute.readonly());
        data.put("isonly", false);
        data.put("bk_issystem", attribute.system());
        data.put("bk_isapi", attribute.api());
        data.put("bk_biz_id", attribute.isGlobal() ? 0 : attribute.business().value());
        data.put("bk_template_id", 0);
        data.put("creator", attribute.creator());
        String created = attribute.createdAt() == null ? null : HostFields.timestamp(attribute.createdAt());
        data.put(HostFields.CREATE_TIME, created);
        data.put(HostFields.LAST_TIME, created);
        data.put(CommonParameters.SUPPLIER_ACCOUNT, CommonParameters.DEFAULT_SUPPLIER_ACCOUNT);
        return data;
    }

    private static String groupName(String group, Language language) {
        GroupName name = GROUP_NAMES.get(group);
        return name == null ? group : language.pick(name.chinese(), name.english());
    }
}
