package dev.hostclone.bootstrap.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The load generator's own garbage collections while a phase runs. A latency is taken from the
 * moment its request was due, so a pause of the generator's JVM counts against every request it
 * delays, as a stall of the server does: a slow second of the report is only the server's if the
 * generator did not pause in it. The generator runs with its whole heap reserved and touched at
 * start ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch} in the {@code load} and {@code soak} profiles),
 * so that its young generation is large, and collects just before each fixed-rate phase
 * ({@link LoadDriver}), so that it rarely collects within one; these figures show how rarely.
 */
final class GeneratorPauses implements AutoCloseable {

    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final Pauses pauses = new Pauses();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    private GeneratorPauses() {
    }

    /** Starts recording every collection of this JVM, each with its wall-clock start and duration. */
    static GeneratorPauses start() {
        GeneratorPauses recording = new GeneratorPauses();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(recording.listener, null, null);
                recording.emitters.add(emitter);
            }
        }
        return recording;
    }

    private void collected(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            pauses.add(Instant.ofEpochMilli(jvmStartMillis + info.getStartTime()), Duration.ofMillis(info.getDuration()));
        }
    }

    /** The collections that began in the second from {@code start}, as a table cell: "none", or their total. */
    String inSecond(Instant start) {
        return pauses.inSecond(start);
    }

    /** The collections that began in {@code length} from {@code start}, in words, for a report's note. */
    String during(Instant start, Duration length) {
        return pauses.during(start, length, "no collection");
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                throw new IllegalStateException("the listener was registered on " + emitter, e);
            }
        }
    }
}
