package io.campaignengine.kit.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The test resources of every @QuarkusTest of this module (Quarkus applies @QuarkusTestResource globally): the real
 * test stack prepared by {@link KitTestInfra}, and Quarkus' OIDC test server for the bearer tokens of {@link Tokens}.
 */
@QuarkusTestResource(KitTestInfra.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {

    private TestResources() {
    }
}
