package io.campaignengine.kit.avro;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Avro (de)serialization of events through the Apicurio Registry 3 serde, configured as the contract says:
 * artifact per RECORD name ({@link RecordIdStrategy}: group = namespace, artifact = simple name - several event types
 * share a topic), schema auto-registered, schema id (4-byte content id) in the payload bytes, not in headers,
 * specific (generated-class) reader.
 *
 * <h2>Never blocking the event loop</h2>
 * The serde is synchronous: a schema it has not seen yet costs an HTTP call to the registry. This bean keeps track of
 * what the serde has already resolved - (topic, event class) pairs for serialization, content ids for
 * deserialization - and:
 * <ul>
 * <li>{@link #serializeAsync}/{@link #deserializeAsync} run the serde inline when it is known not to need the
 * registry (see "known" below), and otherwise on a Vert.x worker thread, delivering the result back on the caller's context (so a
 * Hibernate Reactive session can carry on on its own event-loop thread);</li>
 * <li>{@link SchemaWarmUp} serializes, at start-up and on a worker thread, a sample of every event the service
 * produces (registering its schema), so that the first publish of each does not even need the worker hop.</li>
 * </ul>
 * "Known" is deliberately narrow: a (topic, class) pair counts only after the serializer has serialized it once
 * (that fills the serializer's per-(topic, class) schema cache, which never expires); a content id only after it has
 * been decoded once (the deserializer's per-id cache, which never expires either).
 * <p>The registry HTTP client runs on a small Vert.x instance of its own (1 event loop), so that a registry call made on an
 * application event loop by mistake could only block it, never deadlock it.
 * <h2>A registry call that is never answered</h2>
 * The serde's HTTP client waits for an answer without a time limit, and under concurrent first decodes at start-up an
 * answer does get lost now and then (measured: a consumer channel stuck on its first record for good). So every call that
 * may reach the registry has a watchdog: unanswered after {@code campaign-engine.registry.call-timeout}, the registry
 * client is replaced by a fresh one (new serde pair, new Vert.x, new connections, empty caches) and the old one is
 * closed, which fails the stuck call; the caller gets a {@link RegistryCallTimeoutException}, a transient failure
 * that consumers retry.
 */
@ApplicationScoped
public class EventSerde {

    private static final Logger LOG = Logger.getLogger(EventSerde.class);
    /** Lifetime of the serde's schema cache entries: one year (schemas by content id never change). */
    static final long CACHE_LIFETIME_MS = 365L * 24 * 3600 * 1000;

    private final Vertx vertx;
    private final String registryUrl;
    private final Duration callTimeout;
    /** The contract's serde configuration, taken once (it captures the application class loader). */
    private final Map<String, Object> baseConfig;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-call-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Object resetLock = new Object();
    private volatile RegistryClient client;
    private final Set<String> warmWrites = ConcurrentHashMap.newKeySet();
    private final Set<Integer> warmReads = ConcurrentHashMap.newKeySet();

    public EventSerde(Vertx vertx, @ConfigProperty(name = "campaign-engine.registry.url") String registryUrl,
                      @ConfigProperty(name = "campaign-engine.registry.call-timeout", defaultValue = "PT15S") Duration callTimeout) {
        this.vertx = vertx;
        this.registryUrl = registryUrl;
        this.callTimeout = callTimeout;
        this.baseConfig = serdeConfig(registryUrl);
        this.client = new RegistryClient(baseConfig, 1);
    }

    /**
     * One generation of the registry client: the serde pair and the small Vert.x its HTTP client runs on. Should a registry
     * call ever happen on an application event loop, it blocks that loop for the call (and the blocked-thread checker
     * says so) instead of waiting forever for a response that same loop would have to deliver.
     */
    private static final class RegistryClient {
        final int generation;
        final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        final AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
        final AvroKafkaDeserializer<SpecificRecord> deserializer = new AvroKafkaDeserializer<>();

        RegistryClient(Map<String, Object> baseConfig, int generation) {
            this.generation = generation;
            Map<String, Object> config = new HashMap<>(baseConfig);
            config.put(SchemaResolverConfig.VERTX_INSTANCE, vertx);
            serializer.configure(config, false);
            deserializer.configure(config, false);
        }

        void close() {
            try {
                serializer.close();
                deserializer.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the serde", e);
            }
            vertx.close();
        }
    }

    /**
     * The serde configuration of the contract, for a Kafka client of your own (e.g. a test producer/consumer):
     * pass it to {@code AvroKafkaSerializer/Deserializer.configure(map, false)}.
     */
    public static Map<String, Object> serdeConfig(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        config.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, RecordIdStrategy.class.getName());
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "FIND_OR_CREATE_VERSION");
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(SchemaResolverConfig.CHECK_PERIOD_MS, CACHE_LIFETIME_MS);
        // generated classes resolved through the application's class loader (see KitAvroDatumProvider)
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, KitAvroDatumProvider.class);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        config.put(KitAvroDatumProvider.CLASS_LOADER, loader != null ? loader : EventSerde.class.getClassLoader());
        return config;
    }

    /** The registry base URL in use. */
    public String registryUrl() {
        return registryUrl;
    }

    // ------------------------------------------------------------------------------ serialization

    /** Serializes (blocking when the schema is not resolved yet: call it on a worker thread, or use serializeAsync). */
    public byte[] serialize(String topic, SpecificRecord event) {
        String key = writeKey(topic, event.getClass());
        if (warmWrites.contains(key)) {
            return client.serializer.serialize(topic, event);
        }
        return watched("schema of " + event.getSchema().getFullName() + " on " + topic, c -> {
            byte[] bytes = c.serializer.serialize(topic, event);
            markWarm(c, warmWrites, key);
            return bytes;
        });
    }

    /** Serializes without blocking the event loop (inline when warm, else on a worker; see the class comment). */
    public Uni<byte[]> serializeAsync(String topic, SpecificRecord event) {
        if (warmWrites.contains(writeKey(topic, event.getClass()))) {
            return Uni.createFrom().item(() -> client.serializer.serialize(topic, event));
        }
        return offload(() -> serialize(topic, event));
    }

    /** Whether serializing this event class for this topic needs no registry call. */
    public boolean isWarm(String topic, Class<? extends SpecificRecord> eventClass) {
        return warmWrites.contains(writeKey(topic, eventClass));
    }

    /**
     * Registers (or finds) the schema of {@code eventClass} in the registry so that later serialization of it on
     * {@code topic} needs no registry call: serializes a sample instance once, which is what fills the serde's
     * per-(topic, class) schema cache (its lookup-by-content cache cannot be relied on: it is keyed by the content the
     * registry returns). Blocking: call on a worker thread.
     */
    public void warmUp(String topic, Class<? extends SpecificRecord> eventClass) {
        serialize(topic, SampleRecords.sample(eventClass));
    }

    // ---------------------------------------------------------------------------- deserialization

    /** Deserializes (blocking when the schema id is new: call it on a worker thread, or use deserializeAsync). */
    public SpecificRecord deserialize(String topic, byte[] payload) {
        Integer id = schemaId(payload);
        Object value = id != null && warmReads.contains(id) ? client.deserializer.deserialize(topic, payload)
                : watched("schema id " + id + " of a record on " + topic, c -> {
                    Object decoded = c.deserializer.deserialize(topic, payload);
                    if (id != null) {
                        markWarm(c, warmReads, id);
                    }
                    return decoded;
                });
        if (!(value instanceof SpecificRecord record)) {
            throw new UndecodableEventException("payload of " + topic + " decoded to "
                    + (value == null ? "null" : value.getClass().getName()) + ", not a generated event class");
        }
        return record;
    }

    /** Deserializes without blocking the event loop (inline when the schema id is known, else on a worker). */
    public Uni<SpecificRecord> deserializeAsync(String topic, byte[] payload) {
        Integer id = schemaId(payload);
        if (id != null && warmReads.contains(id)) {
            return Uni.createFrom().item(() -> deserialize(topic, payload));
        }
        return offload(() -> deserialize(topic, payload));
    }

    /**
     * The schema (content) id in front of a payload (magic byte 0, then a 4-byte id), or null when the bytes do not
     * start like that.
     */
    public static Integer schemaId(byte[] payload) {
        if (payload == null || payload.length < 5 || payload[0] != 0) {
            return null;
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    // ------------------------------------------------------------------------------------ helpers

    /**
     * Runs a serde call that may reach the registry under the watchdog (see the class comment): unanswered after the
     * call timeout, the registry client is reset, which fails the call; that failure is reported as a
     * {@link RegistryCallTimeoutException}.
     */
    private <T> T watched(String what, Function<RegistryClient, T> call) {
        RegistryClient c = client;
        ScheduledFuture<?> timer = watchdog.schedule(() -> reset(c, what), callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return call.apply(c);
        } catch (RuntimeException e) {
            if (client != c) {
                throw new RegistryCallTimeoutException("the registry did not answer (" + what + ") within " + callTimeout
                        + "; the registry client was reset, try again", e);
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    /** Records what a client generation has cached, unless that generation has been replaced meanwhile. */
    private <K> void markWarm(RegistryClient c, Set<K> warm, K key) {
        synchronized (resetLock) {
            if (client == c) {
                warm.add(key);
            }
        }
    }

    private void reset(RegistryClient stuck, String what) {
        synchronized (resetLock) {
            if (client != stuck) {
                return; // another watchdog got there first
            }
            LOG.warnf("registry call unanswered after %s (%s): replacing the registry client (generation %d)", callTimeout, what,
                    stuck.generation + 1);
            client = new RegistryClient(baseConfig, stuck.generation + 1);
            // the new serde pair has empty caches: nothing is known to run without the registry any more
            warmWrites.clear();
            warmReads.clear();
        }
        stuck.close(); // fails the stuck call (its connection goes with the old Vert.x)
    }

    /**
     * Runs {@code work} on a worker thread when called on an event loop (result delivered back on the caller's
     * Vert.x context), inline otherwise.
     */
    <T> Uni<T> offload(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(() -> {
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return Uni.createFrom().emitter(emitter -> context.<T>executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                emitter.complete(result.result());
            } else {
                emitter.fail(result.cause());
            }
        }));
    }

    /** Registers the schemas of several event classes (blocking; on a worker). Failures are logged, not thrown. */
    int warmUpAll(Map<Class<? extends SpecificRecord>, String> topicByClass) {
        int ok = 0;
        for (Map.Entry<Class<? extends SpecificRecord>, String> e : topicByClass.entrySet()) {
            try {
                warmUp(e.getValue(), e.getKey());
                ok++;
            } catch (RuntimeException ex) {
                LOG.warnf("schema of %s not registered at start-up (%s); it will be on first use", e.getKey().getName(),
                        ex.toString());
            }
        }
        return ok;
    }

    Vertx vertx() {
        return vertx;
    }

    private static String writeKey(String topic, Class<?> eventClass) {
        return topic + '|' + eventClass.getName();
    }

    @PreDestroy
    void close() {
        watchdog.shutdownNow();
        client.close();
    }

    /** How many times the registry client was replaced after an unanswered call (1 = never), for tests and diagnostics. */
    public int registryClientGeneration() {
        return client.generation;
    }

    /** Counts, for tests and diagnostics. */
    public Collection<String> warmEventTypes() {
        return Set.copyOf(warmWrites);
    }
}
