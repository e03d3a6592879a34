package io.campaignengine.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child process to launch with {@link StackContext#launch}: command line, extra environment, working directory.
 * Output (stdout+stderr) is appended to {@code <datadir>/logs/<component>.log} unless {@link #logFile} is set.
 */
public final class ProcessSpec {
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workDir;
    private Path logFile;

    public static ProcessSpec of(List<String> command) {
        ProcessSpec s = new ProcessSpec();
        s.command.addAll(command);
        return s;
    }

    public static ProcessSpec of(String... command) {
        return of(List.of(command));
    }

    public ProcessSpec arg(String... args) {
        command.addAll(List.of(args));
        return this;
    }

    public ProcessSpec args(List<String> args) {
        command.addAll(args);
        return this;
    }

    public ProcessSpec env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public ProcessSpec env(Map<String, String> values) {
        env.putAll(values);
        return this;
    }

    public ProcessSpec workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public ProcessSpec logFile(Path file) {
        this.logFile = file;
        return this;
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path workDir() {
        return workDir;
    }

    public Path logFile() {
        return logFile;
    }
}
