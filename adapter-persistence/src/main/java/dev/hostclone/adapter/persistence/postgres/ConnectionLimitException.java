package dev.hostclone.adapter.persistence.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * The store would open more connections than PostgreSQL accepts from it ({@link ConnectionLimit}): it would start,
 * and then fail requests under load with SQLSTATE 53300, too many clients. Thrown by the start before it migrates.
 */
public final class ConnectionLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ConnectionCeiling ceiling;
    private final transient ConnectionLimit limit;

    ConnectionLimitException(ConnectionCeiling ceiling, ConnectionLimit limit) {
        super(message(ceiling, limit, "the store", "event loops", "the event loops"));
        this.ceiling = ceiling;
        this.limit = limit;
    }

    public ConnectionCeiling ceiling() {
        return ceiling;
    }

    public ConnectionLimit limit() {
        return limit;
    }

    /**
     * One line naming the numbers and what to change: {@code who} may open the ceiling's connections, its event
     * loops called {@code loops}, fewer of them set by {@code loopsSetting}. A smaller pool_size is offered only
     * where it would open fewer: pools of one connection each stay so.
     */
    public static String message(ConnectionCeiling ceiling, ConnectionLimit limit, String who, String loops,
                                 String loopsSetting) {
        ConnectionLimit.Binding binding = limit.binding();
        List<String> fewer = new ArrayList<>();
        if (ceiling.pooled() > 1) {
            fewer.add("pool_size");
        }
        if (ceiling.eventLoops() > 1) {
            fewer.add(loopsSetting);
        }
        return who + " may open " + ceiling.total() + " connections to PostgreSQL (" + ceiling.terms(loops) + ") but "
                + binding.reason() + ": " + (fewer.isEmpty() ? "" : "lower " + String.join(" or ", fewer) + ", or ")
                + binding.remedy();
    }
}
