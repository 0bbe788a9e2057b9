package dev.hostclone.bootstrap.config;

import dev.hostclone.bootstrap.config.ConfigurationReader.Setting;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Refuses a {@code HOSTCLONE_*} environment variable that names no setting, as the configuration file refuses an
 * unknown name: the file serves systemd's {@code EnvironmentFile=} too, and there a mistyped name left its setting at
 * its default without a word. Known besides the settings: the launcher's own variables, and those Kubernetes sets for
 * a service whose name starts with {@code hostclone} (its service links, on by default).
 */
final class EnvironmentNames {

    static final String PREFIX = "HOSTCLONE_";

    /** Read by the launcher ({@code src/main/dist/hostclone}), not by the server. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("HOSTCLONE_JAVA_OPTS", "HOSTCLONE_CLASS_ARCHIVE");

    /** What follows a service's prefix in the variables Kubernetes sets for it, beside {@code _SERVICE_HOST}. */
    private static final Pattern SERVICE_LINK =
            Pattern.compile("SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)?");

    private EnvironmentNames() {
    }

    /** @throws IllegalArgumentException naming the first unknown variable (never its value) */
    static void refuseUnknown(Map<String, String> environment) {
        Set<String> known = known();
        Set<String> services = environment.keySet().stream()
                .filter(name -> name.endsWith("_SERVICE_HOST"))
                .map(name -> name.substring(0, name.length() - "SERVICE_HOST".length()))
                .filter(service -> environment.containsKey(service + "SERVICE_PORT"))
                .collect(Collectors.toSet());
        Optional<String> unknown = new TreeSet<>(environment.keySet()).stream()
                .filter(name -> name.startsWith(PREFIX) && !known.contains(name))
                .filter(name -> services.stream().noneMatch(service -> name.startsWith(service)
                        && SERVICE_LINK.matcher(name.substring(service.length())).matches()))
                .findFirst();
        if (unknown.isPresent()) {
            String name = unknown.get();
            throw new IllegalArgumentException("unknown environment variable " + name + MeantNames.didYouMean(name, known)
                    + ": HostClone has no such setting, and would leave the one meant at its default; unset it");
        }
    }

    private static Set<String> known() {
        return Stream.concat(Arrays.stream(Setting.values()).map(Setting::variable), LAUNCHER_VARIABLES.stream())
                .collect(Collectors.toSet());
    }
}
