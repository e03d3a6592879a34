package io.campaignengine.devstack;

import java.time.Duration;
import java.util.List;

/**
 * One piece of the local stack (a database server, a broker, a service ...). The launcher starts the enabled
 * components of {@link Stack} as a dependency graph: a component starts as soon as all of {@link #dependsOn()} are
 * ready (independent components start concurrently), then {@link #isReady} is polled until true or
 * {@link #startTimeout()} passes, then {@link #afterReady} runs (provisioning: databases, topics, buckets ...).
 * {@code down} calls {@link #stop} in reverse order. See libs/devstack/COMPONENTS.md.
 *
 * <p>Child processes must be launched through {@link StackContext#launch} (detached, output to
 * {@code <datadir>/logs/<name>.log}, pid recorded in {@code <datadir>/pids/<name>.pid}) so that {@code down} and
 * {@code status} find them.
 */
public interface Component {

    /** Short unique name: used for the log file, the pid file and progress lines ("postgres", "kafka", "keycloak"). */
    String name();

    /** Names of the components that must be ready (and provisioned) before this one starts. Unknown/disabled names are ignored. */
    default List<String> dependsOn() {
        return List.of();
    }

    /** Whether this component is part of the stack for this invocation (profile, --no-services, module present ...). */
    default boolean enabled(StackContext ctx) {
        return true;
    }

    /** Ports this component binds on 127.0.0.1; checked to be free before anything starts. */
    default List<PortSpec> ports(StackContext ctx) {
        return List.of();
    }

    /** External commands needed on PATH (checked before anything starts), e.g. "unshare", "tar", "xz". */
    default List<String> requiredTools(StackContext ctx) {
        return List.of();
    }

    /**
     * Prepares (extracts archives, writes config, initialises data on first start) and launches the child
     * process(es) with {@link StackContext#launch}. Should return quickly; readiness is awaited by polling {@link #isReady}.
     */
    void start(StackContext ctx) throws Exception;

    /** Cheap readiness probe (HTTP health, TCP/JDBC connect ...). Polled every ~200 ms; must not block long (use short timeouts). */
    boolean isReady(StackContext ctx) throws Exception;

    /** How long {@link #isReady} may take to become true after {@link #start}. */
    default Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    /** Runs once the component is ready, before dependents start (provisioning). Must be idempotent (warm restarts). */
    default void afterReady(StackContext ctx) throws Exception {
    }

    /** Whether this component's recorded processes are alive (used by up/status/reset). */
    default boolean isRunning(StackContext ctx) {
        return ctx.processes().anyAlive(name());
    }

    /** Stops the component. Default: TERM the recorded processes (and their descendants), wait up to 30 s (a JVM may be writing its CDS archive), then KILL. */
    default void stop(StackContext ctx) throws Exception {
        ctx.processes().stop(name(), Duration.ofSeconds(30));
    }

    /** What the summary/status table shows (label + URL). */
    default List<Endpoint> endpoints(StackContext ctx) {
        return List.of();
    }

    /** A port this component binds. {@code what} is shown in the conflict message ("postgres port 15432 is taken"). */
    record PortSpec(String what, int port) {
    }

    /** A line of the summary table. */
    record Endpoint(String label, String url) {
    }
}
