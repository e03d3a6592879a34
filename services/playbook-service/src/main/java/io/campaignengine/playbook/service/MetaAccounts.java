package io.campaignengine.playbook.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/businesses/{id}/connect-meta: the Meta accounts of the business. */
public record MetaAccounts(
        @NotBlank @Size(max = 100) String metaPageId,
        @Size(max = 100) String metaInstagramId,
        @Size(max = 100) String metaAdAccountId,
        @Size(max = 100) String pixelId) {
}
