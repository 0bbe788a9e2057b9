package dev.hostclone.application.port.in;

import java.util.Map;

/**
 * create_cloud_area's request (API.md §5): the area's fields as sent ({@code bk_cloud_name} and the
 * optional ones). Which fields an area takes, and their values, is the use case's to check (the domain's
 * {@code NewCloudArea}), once the caller may create one.
 */
public record CreateCloudAreaCommand(Map<String, Object> fields) {

    /** A null map or field name is refused; a null value is kept, as JSON's null. */
    public CreateCloudAreaCommand {
        fields = Fields.copyOf(fields, "fields");
    }
}
