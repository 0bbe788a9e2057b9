package dev.hostclone.domain.clone;

import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.Objects;

/** How a clone names its two hosts: by inner IP or by host id, never a mix. */
public sealed interface HostSelector {

    /** True when both sides name the same host by the same key: a successful no-op. */
    boolean sameOnBothSides();

    record ByInnerIp(IpAddress source, IpAddress destination) implements HostSelector {
        public ByInnerIp {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public boolean sameOnBothSides() {
            return source.equals(destination);
        }
    }

    record ById(HostId source, HostId destination) implements HostSelector {
        public ById {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public boolean sameOnBothSides() {
            return source.equals(destination);
        }
    }
}
