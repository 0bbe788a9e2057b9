package dev.hostclone.application.port.in;

import dev.hostclone.domain.update.HostPropertyChanges;
import java.util.List;

/**
 * batch_update_host's request (API.md §5): 1 to {@link #MAX_UPDATES} entries, each naming another host
 * and at least one property, or a rejection as {@link HostPropertyChanges#requireShape} says. Which
 * properties a host may take is the use case's to check, against the model.
 */
public record BatchUpdateHostCommand(List<HostPropertiesUpdate> updates) {

    public static final int MAX_UPDATES = 500;

    public BatchUpdateHostCommand {
        updates = Fields.listCopyOf(updates, "updates");
        HostPropertyChanges.requireShape(updates, HostPropertiesUpdate::host, HostPropertiesUpdate::properties, MAX_UPDATES);
    }
}
