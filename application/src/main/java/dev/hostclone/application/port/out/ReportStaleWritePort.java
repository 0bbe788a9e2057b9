package dev.hostclone.application.port.out;

/**
 * Told of each host write that went stale and is read and planned again: the hosts or the host model
 * moved since they were read, or the store rolled the write back for another's sake. Never told of a
 * write that went through at first, nor of the last stale one, which gives up. For an operator's meters:
 * how often writers contend.
 */
public interface ReportStaleWritePort {

    /** The use cases whose host writes are retried, each named as its API. */
    enum Writer { CLONE_HOST_PROPERTY, BATCH_UPDATE_HOST, ADD_HOST_TO_BUSINESS_IDLE }

    /**
     * A write of {@code writer}'s went stale and is planned again. Called on the request's path: it must return at
     * once and never throw, or a write that would have gone through on its next attempt fails.
     */
    void plannedAgain(Writer writer);
}
