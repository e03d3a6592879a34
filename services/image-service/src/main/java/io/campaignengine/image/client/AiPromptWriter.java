package io.campaignengine.image.client;

import io.campaignengine.image.domain.VisualDirection;
import io.campaignengine.image.service.ImageBrief;
import io.campaignengine.image.service.OfflinePromptWriter;
import io.campaignengine.image.service.PromptWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/** Calls the AI service (BLOCKING: run it on a worker); the description stays the deterministic one. */
@ApplicationScoped
public class AiPromptWriter {
    private final Supplier<ImagePromptAiService> service;

    @Inject
    public AiPromptWriter(Instance<ImagePromptAiService> service) {
        this.service = service::get;
    }

    /** With any implementation of the AI service (tests). */
    public AiPromptWriter(Supplier<ImagePromptAiService> service) {
        this.service = service;
    }

    public PromptWriter.Prompt write(ImageBrief b, PromptWriter.Prompt offline) {
        VisualDirection v = b.visual() == null ? VisualDirection.EMPTY : b.visual();
        String message = b.headline() != null ? b.headline() : b.hookText();
        String text = service.get().prompt(b.segmentName() != null ? b.segmentName() : String.valueOf(b.segment()),
                String.join(", ", b.emotions()), String.join(", ", b.themes()), String.valueOf(message), String.valueOf(v.style()),
                String.join("; ", v.imageGuidelines()), String.join(", ", v.avoid()), String.join(" ", v.brandColors().values()),
                OfflinePromptWriter.aspectRatio(b.placements()), offline.prompt());
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("the model returned an empty prompt");
        }
        return new PromptWriter.Prompt(offline.description(), text.strip().lines().findFirst().orElse(text.strip()), "openai");
    }
}
