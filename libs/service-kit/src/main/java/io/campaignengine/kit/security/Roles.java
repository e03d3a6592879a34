package io.campaignengine.kit.security;

/** The realm roles of Campaign Engine (Keycloak realm {@code campaign-engine}, token claim {@code realm_access.roles}). */
public final class Roles {

    /** Everything, including managing businesses and users. */
    public static final String ADMIN = "admin";
    /** Creates and runs playbooks and campaigns of their businesses. */
    public static final String MARKETER = "marketer";
    /** Reads their businesses' data. */
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
