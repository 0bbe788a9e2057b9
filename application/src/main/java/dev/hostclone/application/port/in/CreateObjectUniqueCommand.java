package dev.hostclone.application.port.in;

import java.util.Arrays;
import java.util.List;

/**
 * create_object_unique's request (API.md §5): the ids of the attributes a new host unique rule is over, in
 * the order given. Whether there are any, and whether they exist, repeat or overlap another rule, is the
 * use case's to check (the domain's {@code UniqueRuleDefinition}), once the caller may change the model.
 */
public record CreateObjectUniqueCommand(List<Long> keyAttributeIds) {

    /** A null list or id is refused naming it. */
    public CreateObjectUniqueCommand {
        keyAttributeIds = Fields.listCopyOf(keyAttributeIds, "keyAttributeIds");
    }

    public static CreateObjectUniqueCommand over(Long... keyAttributeIds) {
        return new CreateObjectUniqueCommand(Arrays.asList(keyAttributeIds)); // a null named by the constructor
    }
}
