package io.campaignengine.playbook.domain;

import java.util.EnumSet;
import java.util.Set;

import static io.campaignengine.playbook.domain.CampaignStatus.*;

/**
 * What can be done to a campaign, and from which statuses: the campaign status machine in one place.
 * {@code target} is the status after the action ({@code null}: the status does not change).
 */
public enum CampaignAction {
    UPDATE(EnumSet.of(DRAFT, REVIEW), null),
    SUBMIT(EnumSet.of(DRAFT), REVIEW),
    /**
     * review → approved; approval then arms the campaign: tasks are created and it moves on to setup. An admin may
     * approve a draft directly: it passes through review (logged as an automatic submit).
     */
    APPROVE(EnumSet.of(DRAFT, REVIEW), APPROVED),
    LAUNCH(EnumSet.of(SETUP), LIVE),
    PAUSE(EnumSet.of(LIVE), PAUSED),
    RESUME(EnumSet.of(PAUSED), LIVE),
    COMPLETE(EnumSet.of(LIVE, PAUSED), COMPLETED),
    FAIL(EnumSet.of(SETUP, LIVE), FAILED),
    BUDGET(EnumSet.of(SETUP, LIVE, PAUSED), null),
    DELETE(EnumSet.of(DRAFT, REVIEW), null);

    private final Set<CampaignStatus> from;
    private final CampaignStatus target;

    CampaignAction(Set<CampaignStatus> from, CampaignStatus target) {
        this.from = from;
        this.target = target;
    }

    public boolean allowedFrom(CampaignStatus status) {
        return from.contains(status);
    }

    public CampaignStatus target() {
        return target;
    }

    public String code() {
        return Codes.code(this);
    }
}
