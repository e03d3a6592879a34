package io.campaignengine.metasandbox.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignengine.metasandbox.config.SandboxConfig;
import io.campaignengine.metasandbox.domain.World;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Start-up and background work: seeds the default user (or loads the snapshot), lets a running clock's simulation
 * catch up every tick (webhooks and conversions in near real time) and snapshots the world when a data dir is set.
 */
@Singleton
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    private final SandboxState state;
    private final Graph graph;
    private final Simulation sim;
    private final SandboxConfig config;
    private final ObjectMapper mapper;
    private ScheduledExecutorService ticker;
    private byte[] sampleJpeg;

    public Bootstrap(SandboxState state, Graph graph, Simulation sim, SandboxConfig config, ObjectMapper mapper) {
        this.state = state;
        this.graph = graph;
        this.sim = sim;
        this.config = config;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent ev) {
        if (!load()) {
            synchronized (state) {
                graph.seedDefault(state.world());
            }
        }
        sampleJpeg = renderSample();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-tick");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(100, config.clock().tick().toMillis());
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        if (config.dataDir().isPresent()) ticker.scheduleWithFixedDelay(this::save, 30, 30, TimeUnit.SECONDS);
        World w = state.world();
        LOG.infof("meta-sandbox ready: seed %d, clock %s, app %s, default user %s", w.seed, w.frozen ? "frozen" : "running",
                config.app().id(), w.users.keySet().stream().findFirst().orElse("-"));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (ticker != null) ticker.shutdownNow();
        save();
    }

    private void tick() {
        try {
            Simulation.Outbox out;
            long now;
            synchronized (state) {
                if (state.world().frozen) return;
                now = state.now();
                out = sim.catchUpAll(state.world(), now);
            }
            sim.flush(out, now);
        } catch (RuntimeException e) {
            LOG.warn("simulation tick failed", e);
        }
    }

    private Path snapshotFile() {
        return Path.of(config.dataDir().get(), "meta-sandbox-world.json");
    }

    private boolean load() {
        if (config.dataDir().isEmpty()) return false;
        Path f = snapshotFile();
        if (!Files.exists(f)) return false;
        try {
            World w = mapper.readValue(f.toFile(), World.class);
            state.replace(w);
            LOG.infof("loaded snapshot %s (%d users, %d posts, %d ads)", f, w.users.size(), w.posts.size(), w.ads.size());
            return true;
        } catch (IOException e) {
            LOG.warnf("snapshot %s unreadable (%s): starting a fresh world", f, e.getMessage());
            return false;
        }
    }

    public void save() {
        if (config.dataDir().isEmpty()) return;
        try {
            Path f = snapshotFile();
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            byte[] json;
            synchronized (state) {
                json = mapper.writeValueAsBytes(state.world());
            }
            Files.write(tmp, json);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("snapshot not written: %s", e.getMessage());
        }
    }

    /** A small JPEG the sandbox serves itself, so Instagram containers have an image that can be fetched. */
    private static byte[] renderSample() {
        try {
            BufferedImage img = new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(24, 119, 242));
            g.fillRect(0, 0, 320, 320);
            g.setColor(Color.WHITE);
            g.fillOval(80, 80, 160, 160);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // minimal valid JPEG header is enough for the fetch check
            return new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        }
    }

    public byte[] sampleJpeg() {
        return sampleJpeg;
    }
}
