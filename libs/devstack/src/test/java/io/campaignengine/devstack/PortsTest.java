package io.campaignengine.devstack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortsTest {

    @Test
    void contractDefaults() {
        Ports run = Ports.defaults(Profile.RUN);
        Ports test = Ports.defaults(Profile.TEST);
        assertEquals(15432, run.get(Ports.PG));
        assertEquals(25432, test.get(Ports.PG));
        assertEquals(9092, run.get(Ports.KAFKA));
        assertEquals(29093, test.get(Ports.KAFKA_CONTROLLER));
        assertEquals(8083, run.get(Ports.CONNECT));
        assertEquals(28085, test.get(Ports.REGISTRY));
        assertEquals(8086, run.get(Ports.REGISTRY_MGMT));
        assertEquals(29000, test.get(Ports.S3));
        assertEquals(8180, run.get(Ports.KEYCLOAK));
        assertEquals(28181, test.get(Ports.KEYCLOAK_MGMT));
        assertEquals(8080, run.get(Ports.GATEWAY));
        assertTrue(run.overrides().isEmpty());
    }

    @Test
    void overridePrecedence() {
        Map<String, String> env = Map.of("CE_PG_PORT", "1111", "CE_TEST_KAFKA_PORT", "2222", "CE_KAFKA_PORT", "3333",
                "CE_KAFKA_CONTROLLER_PORT", "4444");
        Map<String, String> props = Map.of("devstack.port.s3", "5555", "devstack.test.port.s3", "6666");
        Ports test = Ports.resolve(Profile.TEST, env, props);
        assertEquals(1111, test.get(Ports.PG));
        assertEquals(2222, test.get(Ports.KAFKA), "profile-specific env beats the generic one");
        assertEquals(4444, test.get(Ports.KAFKA_CONTROLLER));
        assertEquals(6666, test.get(Ports.S3), "profile-specific property beats the generic one");
        assertEquals("CE_TEST_KAFKA_PORT", test.overrides().get(Ports.KAFKA));
        Ports run = Ports.resolve(Profile.RUN, env, props);
        assertEquals(3333, run.get(Ports.KAFKA));
        assertEquals(5555, run.get(Ports.S3));
    }

    @Test
    void rejectsNonNumbers() {
        assertThrows(UsageException.class, () -> Ports.resolve(Profile.RUN, Map.of("CE_PG_PORT", "abc"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Ports.defaults(Profile.RUN).get("nope"));
    }
}
