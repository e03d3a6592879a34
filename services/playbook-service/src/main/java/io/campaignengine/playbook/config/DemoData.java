package io.campaignengine.playbook.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.playbook.domain.PlaybookStatus;
import io.campaignengine.playbook.repository.BusinessRepository;
import io.campaignengine.playbook.repository.PlaybookRepository;
import io.campaignengine.playbook.service.BusinessInput;
import io.campaignengine.playbook.service.BusinessService;
import io.campaignengine.playbook.service.Caller;
import io.campaignengine.playbook.service.PlaybookInput;
import io.campaignengine.playbook.service.PlaybookService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;
import java.util.List;

/**
 * Demo data for local runs: the seed's two businesses — Melissa for Educators and Vaquero Homes — each with an
 * active, fully written playbook (src/main/resources/demo/*.json). Idempotent: what exists is left alone. On in the
 * dev profile and in the local `make run` platform (CE_DEVSTACK_PROFILE=run), never in prod otherwise.
 */
@ApplicationScoped
public class DemoData {
    static final List<String> FILES = List.of("demo/melissa.json", "demo/vaquero.json");

    private final boolean enabled;
    private final BusinessService businessService;
    private final PlaybookService playbookService;
    private final BusinessRepository businesses;
    private final PlaybookRepository playbooks;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public DemoData(@ConfigProperty(name = "campaign-engine.demo-data.enabled", defaultValue = "false") boolean enabled,
                    BusinessService businessService, PlaybookService playbookService, BusinessRepository businesses,
                    PlaybookRepository playbooks) {
        this.enabled = enabled || "run".equals(System.getenv("CE_DEVSTACK_PROFILE"));
        this.businessService = businessService;
        this.playbookService = playbookService;
        this.businesses = businesses;
        this.playbooks = playbooks;
    }

    record Demo(BusinessInput business, PlaybookInput playbook) {
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        for (String file : FILES) {
            try {
                Demo demo = read(file);
                VertxContextSupport.subscribeAndAwait(() -> load(demo));
            } catch (Throwable e) {
                Log.warnf(e, "demo data %s not loaded: %s", file, e.toString());
            }
        }
    }

    Demo read(String file) throws Exception {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file);
            }
            return json.readValue(in, Demo.class);
        }
    }

    /** Creates the business, its playbook and activates it — each step only when missing. */
    Uni<Void> load(Demo demo) {
        Caller system = Caller.system("demo-data");
        String slug = demo.business().slug();
        return Panache.withSession(() -> businesses.findBySlug(slug))
                .chain(existing -> existing != null ? Uni.createFrom().item(existing) : businessService.create(system, demo.business())
                        .invoke(b -> Log.infof("demo data: business %s (%s) created", b.slug, b.id)))
                .chain(b -> Panache.withSession(() -> playbooks.findActive(b.id)).chain(active -> {
                    if (active != null) {
                        return Uni.createFrom().voidItem();
                    }
                    PlaybookInput p = demo.playbook();
                    PlaybookInput in = new PlaybookInput(b.id, p.name(), p.positioning(), p.founderStory(), p.audiences(), p.keyMessages(),
                            p.objectionHandlers(), p.hooks(), p.callsToAction(), p.visualDirection(), p.tone(), p.content());
                    return playbookService.create(system, in)
                            .chain(created -> playbookService.activate(system, created.id))
                            .invoke(a -> Log.infof("demo data: playbook '%s' v%d of %s is %s", a.name, a.version, slug,
                                    a.status == PlaybookStatus.ACTIVE ? "active" : a.status.code()))
                            .replaceWithVoid();
                }));
    }
}
