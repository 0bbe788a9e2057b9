package dev.hostclone.bootstrap.config;

import dev.hostclone.bootstrap.config.ConfigurationReader.Setting;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The settings of a configuration file: one {@code HOSTCLONE_NAME=value} a line, as the environment
 * names them, so the same file serves systemd's {@code EnvironmentFile=} or Docker's {@code --env-file}.
 * Blank lines and lines starting with {@code #} are skipped; a value is the rest of its line after the
 * first {@code =}, trimmed as every source's is ({@link ConfigurationReader#value}), taken as written (no
 * quotes, no escapes); an empty value is unset, as in the environment. An unknown name, a line without
 * {@code =} or a name given twice is refused, saying which line: a mistyped name in a file would otherwise
 * leave its setting at its default without a word. The launcher's variables
 * ({@link EnvironmentNames#LAUNCHER_VARIABLES}) are skipped where the environment holds them too, as
 * systemd or Docker put them there from this file for the launcher, which reads nothing else; in a file
 * that the environment did not come from they would change nothing, and are refused for it. A refusal
 * never quotes a value, which may be a secret.
 */
final class ConfigurationFile {

    private static final Map<String, Setting> BY_VARIABLE = Arrays.stream(Setting.values())
            .collect(Collectors.toMap(Setting::variable, Function.identity()));

    /** What a file may name: every setting's variable but the one naming a file, and the launcher's. */
    private static final Set<String> NAMES = Stream.concat(BY_VARIABLE.keySet().stream()
                    .filter(name -> !name.equals(Setting.CONFIG.variable())), EnvironmentNames.LAUNCHER_VARIABLES.stream())
            .collect(Collectors.toUnmodifiableSet());

    private static final String BYTE_ORDER_MARK = "\ufeff";

    private ConfigurationFile() {
    }

    /** @throws IllegalArgumentException with a message fit for the console when the file is unreadable or wrong */
    static Map<Setting, String> read(Path file, Set<String> environment) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(Setting.CONFIG.variable() + ": " + RefusedText.fileName(file) + " is not UTF-8 text: save it as"
                    + " UTF-8");
        } catch (IOException e) {
            throw new IllegalArgumentException(Setting.CONFIG.variable() + ": cannot read " + RefusedText.fileName(file) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<String, Integer> setOn = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (number == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                // as some Windows editors save UTF-8; kept, it made the first name unknown, offered as itself
                line = line.substring(1);
            }
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = RefusedText.fileName(file) + " line " + number;
            int equals = line.indexOf('=');
            String name = equals < 0 ? line : line.substring(0, equals).strip();
            Optional<String> named = RefusedText.leadingVariable(name);
            if (equals < 0 || !named.equals(Optional.of(name))) {
                // a space or ':' for the '=' (HOSTCLONE_PG_URL postgresql://hc:pw@db/hc): the name alone is shown
                throw new IllegalArgumentException(where + ": expected HOSTCLONE_NAME=value" + named
                        .map(leading -> ", and '" + leading + "' is followed by something other than '=' (the rest of ")
                        .orElse(" (") + "the line is not shown, as it may hold a secret)");
            }
            Setting setting = BY_VARIABLE.get(name);
            boolean launchers = EnvironmentNames.LAUNCHER_VARIABLES.contains(name);
            if (launchers && !environment.contains(name)) {
                throw new IllegalArgumentException(where + ": " + name + " is the launcher's, which reads it from its"
                        + " environment, not from this file: set it there (systemd's EnvironmentFile=, Docker's"
                        + " --env-file), or remove the line");
            }
            if (!launchers && (setting == null || setting == Setting.CONFIG)) {
                throw new IllegalArgumentException(where + ": " + (setting == null
                        ? "unknown setting '" + name + "'" + MeantNames.didYouMean(name, NAMES)
                        : "a configuration file cannot name another"));
            }
            Integer earlier = setOn.putIfAbsent(name, number);
            if (earlier != null) {
                throw new IllegalArgumentException(where + ": " + name + " is set on line " + earlier + " already");
            }
            if (launchers) {
                // the launcher has taken it from the environment already; nothing of the server's
                continue;
            }
            String value = ConfigurationReader.value(line.substring(equals + 1));
            if (!value.isEmpty()) {
                values.put(setting, value);
            } else if (ConfigurationReader.NOT_BLANK_WHEN_SET.contains(setting)) {
                throw new IllegalArgumentException(where + ": " + name + " is empty: give it a value, or remove the line"
                        + " for its default");
            }
        }
        return values;
    }
}
