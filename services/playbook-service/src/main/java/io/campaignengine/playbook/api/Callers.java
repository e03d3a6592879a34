package io.campaignengine.playbook.api;

import io.campaignengine.kit.security.CallerContext;
import io.campaignengine.playbook.service.Caller;

/** The service's view of the caller, from service-kit's CallerContext (token name, realm roles, businesses claim). */
final class Callers {
    private Callers() {
    }

    static Caller of(CallerContext ctx) {
        return Caller.user(ctx.userName(), ctx.roles(), ctx.businesses(), ctx.allBusinesses());
    }
}
