package io.campaignengine.image.service;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cosine similarity of sentence embeddings from all-MiniLM-L6-v2 (quantized), in process: the ONNX model ships inside
 * the Maven artifact, nothing is downloaded. BLOCKING and CPU-bound (call through {@link Blocking}); the model (~25 MB)
 * is loaded on first use only, so a service that never breaks a tie never pays for it.
 */
@ApplicationScoped
public class EmbeddingSimilarity implements TieBreaker.Similarity {
    private final Supplier<EmbeddingModel> factory;
    private volatile EmbeddingModel model;

    public EmbeddingSimilarity() {
        this(AllMiniLmL6V2QuantizedEmbeddingModel::new);
    }

    EmbeddingSimilarity(Supplier<EmbeddingModel> factory) {
        this.factory = factory;
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    model = factory.get();
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public double[] scores(String query, List<String> texts) {
        List<TextSegment> segments = new ArrayList<>();
        segments.add(TextSegment.from(query));
        texts.forEach(t -> segments.add(TextSegment.from(t == null || t.isBlank() ? "image" : t)));
        List<Embedding> e = model().embedAll(segments).content();
        double[] out = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = CosineSimilarity.between(e.get(0), e.get(i + 1));
        }
        return out;
    }
}
