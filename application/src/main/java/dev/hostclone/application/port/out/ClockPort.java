package dev.hostclone.application.port.out;

import java.time.Instant;

/** The current time, for timestamps and audit records. */
public interface ClockPort {

    Instant now();
}
