package io.campaignengine.devstack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortConflictTest {

    @Test
    void reportsTakenPortWithComponent() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertFalse(PortConflict.isFree(port));
            Map<String, List<Component.PortSpec>> m = new LinkedHashMap<>();
            m.put("kafka", List.of(new Component.PortSpec("broker", port)));
            List<String> problems = PortConflict.check(m);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).contains("kafka (broker)") && problems.get(0).contains(Integer.toString(port)), problems.get(0));
        }
    }

    @Test
    void freePortAndDuplicateConfiguration() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        assertTrue(PortConflict.isFree(free));
        Map<String, List<Component.PortSpec>> m = new LinkedHashMap<>();
        m.put("a", List.of(new Component.PortSpec("http", free)));
        assertTrue(PortConflict.check(m).isEmpty());
        m.put("b", List.of(new Component.PortSpec("http", free)));
        List<String> problems = PortConflict.check(m);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("both a (http) and b (http)"), problems.get(0));
    }
}
