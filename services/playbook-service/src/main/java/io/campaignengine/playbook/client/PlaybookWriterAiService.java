package io.campaignengine.playbook.client;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/** LangChain4j AI service (OpenAI through quarkus-langchain4j-openai) that drafts a playbook as structured output. */
@RegisterAiService
public interface PlaybookWriterAiService {

    @SystemMessage("""
            You are a senior marketing strategist. You write strategic marketing playbooks for small businesses:
            positioning, founder story, audience segments, key messages per segment, objection handlers, hooks to test
            and visual direction. Be concrete and specific to the business; no filler, no hype.
            Segment ids are short snake_case identifiers (e.g. tia_seeker). Write at least 6 hooks, each tagged with the
            segment ids it targets, a theme (roi, story, feature, comparison, social_proof, urgency) and the emotion it
            plays on (achievement, relief, connection, confidence, belonging, anticipation).
            """)
    @UserMessage("""
            Write a playbook for {businessName}.
            Product: {product}
            Description: {description}
            Price: {price}
            Audiences: {audiences}
            Goals: {goals}
            Tone: {tone}
            Markets: {markets}
            Differentiators: {differentiators}
            Founder story notes: {founderStory}
            """)
    AiPlaybookDraft write(String businessName, String product, String description, String price, String audiences,
                          String goals, String tone, String markets, String differentiators, String founderStory);
}
