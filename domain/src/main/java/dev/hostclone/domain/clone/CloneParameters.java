package dev.hostclone.domain.clone;

/**
 * The parameters of a clone request as they arrived, already of the right JSON types; any may be
 * absent (null). {@link CloneRequestParser} turns them into a command or a failure.
 */
public record CloneParameters(Long businessId, Long cloudId, String sourceIp, String destinationIp,
                              Long sourceId, Long destinationId) {
}
