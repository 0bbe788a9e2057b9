package dev.hostclone.bootstrap;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Whether the JVM ends the server on an {@code OutOfMemoryError}. Without {@code
 * -XX:+ExitOnOutOfMemoryError} it runs on: requests fail with 1199998 while {@code /readyz} still says
 * UP, so nothing restarts it, and a memory store may keep half of the write the error cut short. With
 * it the JVM exits at once with code 3, and whatever supervises the server (systemd's {@code
 * Restart=on-failure}, a container's restart policy) starts it again, as after a lost store
 * ({@code Main}). The launcher gives the option; a server started otherwise says at start that it lacks
 * it.
 */
final class OutOfMemoryExit {

    static final String EXIT_OPTION = "ExitOnOutOfMemoryError";
    /** Ends the JVM too, with a crash report (and a core dump where the system allows). */
    static final String CRASH_OPTION = "CrashOnOutOfMemoryError";

    private OutOfMemoryExit() {
    }

    /** The warning to log at start when this JVM would run on after an {@code OutOfMemoryError}. */
    static Optional<String> warning() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotSpot == null ? Optional.empty() : warning(name -> hotSpot.getVMOption(name).getValue());
    }

    /** As {@link #warning()}, given each JVM option's value by its name. */
    static Optional<String> warning(UnaryOperator<String> optionValue) {
        if (Boolean.parseBoolean(optionValue.apply(EXIT_OPTION)) || Boolean.parseBoolean(optionValue.apply(CRASH_OPTION))) {
            return Optional.empty();
        }
        return Optional.of("this JVM runs on after an OutOfMemoryError, failing requests while /readyz says UP:"
                + " give it -XX:+" + EXIT_OPTION + " (the launcher, hostclone, does), so that it exits and whatever"
                + " supervises it starts it again");
    }
}
