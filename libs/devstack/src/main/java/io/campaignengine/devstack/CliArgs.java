package io.campaignengine.devstack;

import java.nio.file.Path;
import java.util.List;

/** Parsed command line: {@code [--root DIR] up|down|status|reset [--profile run|test] [--fresh] [--no-services]}. */
public record CliArgs(Command command, Profile profile, boolean fresh, boolean noServices, Path root) {

    public enum Command { UP, DOWN, STATUS, RESET, HELP }

    public static final String USAGE = """
            usage: bin/devstack <command> [options]
              up      [--profile run|test] [--fresh] [--no-services]   start the stack (detached) and print its URLs
              down    [--profile run|test]                             stop exactly what `up` started
              status  [--profile run|test]                             what runs, where, and its log
              reset   [--profile run|test]                             wipe the data directory (refused while running)
            options:
              --profile run|test   run (default): ports 15432/9092/..., data in .devstack/run;
                                   test: ports 25432/29092/..., data in .devstack/test
              --fresh              (up) stop a running instance of the profile and wipe its data directory first
              --no-services        (up) infrastructure only; do not start services/* and the gateway
            ports: override with CE_<KEY>_PORT / CE_<PROFILE>_<KEY>_PORT or -Ddevstack[.<profile>].port.<key>=N
                   (keys: pg kafka kafka-controller connect registry registry-mgmt s3 keycloak keycloak-mgmt gateway)
            """;

    public static CliArgs parse(String... args) {
        Command command = null;
        Profile profile = Profile.RUN;
        boolean fresh = false;
        boolean noServices = false;
        Path root = null;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            switch (a) {
                case "--profile", "-p" -> profile = Profile.parse(value(list, ++i, a));
                case "--fresh" -> fresh = true;
                case "--no-services" -> noServices = true;
                case "--root" -> root = Path.of(value(list, ++i, a));
                case "-h", "--help", "help" -> command = Command.HELP;
                default -> {
                    if (a.startsWith("--profile=")) {
                        profile = Profile.parse(a.substring("--profile=".length()));
                    } else if (a.startsWith("--root=")) {
                        root = Path.of(a.substring("--root=".length()));
                    } else if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    } else if (command != null && command != Command.HELP) {
                        throw new UsageException("more than one command: " + command.name().toLowerCase() + " and " + a);
                    } else if (command == null) {
                        command = switch (a) {
                            case "up", "start" -> Command.UP;
                            case "down", "stop" -> Command.DOWN;
                            case "status" -> Command.STATUS;
                            case "reset" -> Command.RESET;
                            default -> throw new UsageException("unknown command " + a);
                        };
                    }
                }
            }
        }
        if (command == null) {
            throw new UsageException("no command given");
        }
        if (command != Command.UP && command != Command.HELP && (fresh || noServices)) {
            throw new UsageException((fresh ? "--fresh" : "--no-services") + " only applies to `up`");
        }
        if (root == null) {
            root = Path.of("").toAbsolutePath();
        }
        return new CliArgs(command, profile, fresh, noServices, root.toAbsolutePath().normalize());
    }

    private static String value(List<String> list, int i, String option) {
        if (i >= list.size() || list.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return list.get(i);
    }
}
