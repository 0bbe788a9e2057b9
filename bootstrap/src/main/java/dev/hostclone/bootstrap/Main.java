package dev.hostclone.bootstrap;

import java.util.Arrays;

/** Starts the standalone server; stops it cleanly on SIGTERM or Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(ConfigurationReader.usage());
            return;
        }
        Configuration configuration;
        try {
            configuration = ConfigurationReader.read(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("hostclone: " + e.getMessage());
            System.err.print(ConfigurationReader.usage());
            System.exit(2);
            return;
        }
        HostCloneServer server = HostCloneServer.start(configuration);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hostclone-shutdown"));
    }
}
