package io.campaignengine.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Detects ports that are already bound (by another process, another profile, or a stray instance). */
public final class PortConflict {
    private PortConflict() {
    }

    /** True if 127.0.0.1:port can be bound right now. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // like the servers do: TIME_WAIT leftovers are no conflict, a listener is
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns one message per problem: ports that are taken, and ports claimed twice by the configuration
     * (e.g. an override that collides with another component's port).
     */
    public static List<String> check(Map<String, List<Component.PortSpec>> byComponent) {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> claimed = new LinkedHashMap<>();
        for (var e : byComponent.entrySet()) {
            for (Component.PortSpec p : e.getValue()) {
                String who = e.getKey() + " (" + p.what() + ")";
                String prev = claimed.putIfAbsent(p.port(), who);
                if (prev != null) {
                    problems.add("port " + p.port() + " is configured for both " + prev + " and " + who);
                } else if (p.port() <= 0 || p.port() > 65535) {
                    problems.add(who + ": invalid port " + p.port());
                } else if (!isFree(p.port())) {
                    problems.add(who + ": port " + p.port() + " on 127.0.0.1 is already in use"
                            + " (another process? see `ss -ltnp 'sport = :" + p.port() + "'`)");
                }
            }
        }
        return problems;
    }
}
