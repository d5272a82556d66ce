package io.oasis.platform;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The all-in-one launcher: every Oasis service in this JVM on embedded defaults, printing a line
 * per step and, at the end, where everything answers. Ctrl-C stops it all, Keycloak included.
 * Run it from the repository root (./oasis up does); see the README for the environment variables
 * that swap each embedded default for the real thing.
 */
public final class OasisPlatform {

    private static final String LOGBACK_CONFIG = "oasis-platform-logback.xml";

    private OasisPlatform() {
    }

    public static void main(String[] args) {
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        configureLogging(settings);
        Logger log = LoggerFactory.getLogger(OasisPlatform.class);

        Platform platform = new Platform(settings);
        Runnable stop = () -> {
            log.info("Oasis: stopping (services, then Kafka, the dev mailbox and Keycloak)");
            platform.close();
            log.info("Oasis: stopped");
        };
        // Ctrl-C and kill are handled before the JVM runs its shutdown hooks, which run all at once:
        // the embedded broker's own hook deletes its folder, and the services must stop before that.
        // During start-up, the step under way finishes, start() then ends and main exits below.
        AtomicBoolean started = new AtomicBoolean();
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> {
                stop.run();
                if (started.get()) {
                    System.exit(128 + signal.getNumber());
                }
            });
        }
        // Any other end of the JVM (System.exit, the last thread ending) still stops everything.
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "oasis-shutdown"));

        try {
            platform.start();
            started.set(true);
        } catch (PlatformStartException e) {
            log.error("Oasis did not start. {}", e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            log.error("Oasis did not start.", e);
            System.exit(1);
            return;
        }

        log.info("");
        log.info("Oasis is up in {} s. Ctrl-C stops everything.", String.format("%.1f", platform.startupTime().toMillis() / 1000.0));
        log.info("");
        new Summary(platform).lines().forEach(log::info);
        log.info("");
    }

    /**
     * One logging setup for the whole JVM: progress and warnings on the console, everything as
     * JSON lines in the data folder. Spring Boot applies it once and the later contexts keep it.
     */
    private static void configureLogging(PlatformSettings settings) {
        System.setProperty("oasis.log-dir", settings.logDirectory().toString());
        System.setProperty("logging.config", "classpath:" + LOGBACK_CONFIG);
        // Apply it now too, so the lines before the first service starts look the same.
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logback);
        try {
            configurator.doConfigure(OasisPlatform.class.getClassLoader().getResource(LOGBACK_CONFIG));
        } catch (JoranException e) {
            throw new IllegalStateException("Broken " + LOGBACK_CONFIG, e);
        }
    }
}
