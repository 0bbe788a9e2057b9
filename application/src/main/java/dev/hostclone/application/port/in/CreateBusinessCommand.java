package dev.hostclone.application.port.in;

import java.util.Map;

/**
 * create_business's request (API.md §5): the business's fields as sent ({@code bk_biz_name},
 * {@code bk_biz_maintainer}, {@code time_zone}, ...). Which fields a business takes, and their values, is
 * the use case's to check (the domain's {@code NewBusiness}), once the caller may create one; values are
 * given as {@link AddHostsCommand} says.
 */
public record CreateBusinessCommand(Map<String, Object> fields) {

    /** A null map or field name is refused; a null value is kept, as JSON's null. */
    public CreateBusinessCommand {
        fields = Fields.copyOf(fields, "fields");
    }
}
