package dev.hostclone.application.port.in;

/**
 * delete_object_unique's request (API.md §5): the id of the host unique rule to delete. Whether it exists
 * and is not built in is the use case's to check.
 */
public record DeleteObjectUniqueCommand(long ruleId) {

    /**
     * An id that is not positive is refused as a fault, as the domain's ids refuse one: the HTTP adapter
     * answers the caller's 0 or negative id before it makes a command (1199010, 1199009).
     */
    public DeleteObjectUniqueCommand {
        if (ruleId <= 0) {
            throw new IllegalArgumentException("a unique rule's id is positive, not " + ruleId);
        }
    }
}
