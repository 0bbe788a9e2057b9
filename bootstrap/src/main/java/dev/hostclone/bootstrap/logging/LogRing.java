package dev.hostclone.bootstrap.logging;

import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import net.logstash.logback.encoder.com.lmax.disruptor.RingBuffer;

/**
 * The ring buffer of {@link LoggingConfigurator}, which can say how many lines it holds: when the log stops with
 * standard output taking none, those are the lines lost, and {@link DroppedLines} tells how many.
 */
final class LogRing extends LoggingEventAsyncDisruptorAppender {

    /**
     * Lines in the ring the writer has not done with; the one it is writing among them, since the ring frees a line
     * only once it has gone to the console.
     */
    long linesWaiting() {
        RingBuffer<?> ring = getDisruptor().getRingBuffer();
        return ring.getBufferSize() - ring.remainingCapacity();
    }
}
