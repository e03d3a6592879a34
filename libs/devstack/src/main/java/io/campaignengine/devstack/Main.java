package io.campaignengine.devstack;

import java.io.PrintStream;

/** bin/devstack entry point: {@code Main --root <repo> up|down|status|reset [--profile run|test] [--fresh] [--no-services]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    public static int run(PrintStream out, String... args) {
        CliArgs cli;
        try {
            cli = CliArgs.parse(args);
        } catch (UsageException e) {
            out.println("devstack: " + e.getMessage());
            out.print(CliArgs.USAGE);
            return 2;
        }
        if (cli.command() == CliArgs.Command.HELP) {
            out.print(CliArgs.USAGE);
            return 0;
        }
        try {
            Ports ports = Ports.resolve(cli.profile(), System.getenv(), System.getProperties());
            StackContext ctx = new StackContext(cli.root(), cli.profile(), ports, cli.noServices(), out);
            Orchestrator o = new Orchestrator(ctx, Stack.components(ctx), out);
            return switch (cli.command()) {
                case UP -> o.up(cli.fresh());
                case DOWN -> o.down();
                case STATUS -> o.status();
                case RESET -> o.reset();
                case HELP -> 0;
            };
        } catch (UsageException e) {
            out.println("devstack: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            out.println("devstack: " + e.getMessage());
            if (System.getenv("DEVSTACK_DEBUG") != null) {
                e.printStackTrace(out);
            }
            return 1;
        }
    }
}
