package io.campaignengine.image.client;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/** LangChain4j AI service (OpenAI through quarkus-langchain4j-openai) that writes an image-generator prompt. */
@RegisterAiService
public interface ImagePromptAiService {

    @SystemMessage("""
            You write prompts for an image generator (Midjourney style) for marketing images of small businesses.
            Answer with ONE line: comma-separated visual descriptors, then the parameters (--ar, --no, --style raw).
            Follow the brand's visual direction, never put text in the image, stay concrete and photographic.
            """)
    @UserMessage("""
            Audience: {audience}
            Emotions to convey: {emotions}
            Themes: {themes}
            Message the image accompanies: {message}
            Visual style: {style}
            Guidelines: {guidelines}
            Avoid: {avoid}
            Brand colors: {colors}
            Aspect ratio: {ratio}
            A deterministic draft you may improve: {draft}
            """)
    String prompt(String audience, String emotions, String themes, String message, String style, String guidelines, String avoid,
                  String colors, String ratio, String draft);
}
