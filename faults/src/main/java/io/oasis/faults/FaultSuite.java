package io.oasis.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.faults.check.Checker;
import io.oasis.faults.check.Databases;
import io.oasis.faults.check.EventTopic;
import io.oasis.faults.check.MailCatcher;
import io.oasis.faults.check.Observations;
import io.oasis.faults.check.Partners;
import io.oasis.faults.check.Recovery;
import io.oasis.faults.check.Verdict;
import io.oasis.faults.report.ResultsReport;
import io.oasis.faults.report.ScenarioResult;
import io.oasis.faults.report.ThroughputChart;
import io.oasis.faults.scenario.FaultContext;
import io.oasis.faults.scenario.Podman;
import io.oasis.faults.scenario.Scenario;
import io.oasis.faults.scenario.Scenarios;
import io.oasis.faults.workload.Callers;
import io.oasis.faults.workload.Deployment;
import io.oasis.faults.workload.Gateways;
import io.oasis.faults.workload.History;
import io.oasis.faults.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios against the deployment under test, one after another: the workload places and drives orders,
 * the scenario's fault is injected a third into the run and healed after its length, the checker waits for the
 * system to settle and counts, and the report goes to {@code results/<time>.md} with a plot per scenario.
 *
 * <p>Settings, each from the environment or the deployment's file, or as {@code --name=value} arguments:
 * {@code FAULTS_RATE} (orders per second, 10), {@code FAULTS_DURATION_SECONDS} (180),
 * {@code FAULTS_SETTLE_SECONDS} (how long the system may take to settle, 300), {@code FAULTS_JOB_LOCK_SECONDS}
 * (the engine's job lock time, 300), {@code FAULTS_APPROVAL_EVERY} (every n-th order needs approval, 10),
 * {@code FAULTS_WEBHOOK_BASE} (the partners' stand-in as the services reach it, http://partners:8080).
 */
public final class FaultSuite {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSuite.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MAILBOXES = List.of("customer@oasis.example", "customer2@oasis.example");

    /** The run's settings. */
    public record Settings(double rate, Duration duration, Duration settle, Duration jobLock, int approvalEvery,
            String webhookBase) {

        static Settings from(Deployment deployment) {
            return new Settings(Double.parseDouble(deployment.get("FAULTS_RATE", "10")),
                    Duration.ofSeconds(Long.parseLong(deployment.get("FAULTS_DURATION_SECONDS", "180"))),
                    Duration.ofSeconds(Long.parseLong(deployment.get("FAULTS_SETTLE_SECONDS", "300"))),
                    Duration.ofSeconds(Long.parseLong(deployment.get("FAULTS_JOB_LOCK_SECONDS", "300"))),
                    Integer.parseInt(deployment.get("FAULTS_APPROVAL_EVERY", "10")),
                    deployment.get("FAULTS_WEBHOOK_BASE", "http://partners:8080"));
        }

        String describe() {
            return String.format("Workload: %.1f orders/s for %d s (longer where the fault outlasts a third of it), "
                    + "every %d-th order needs approval; settle deadline %d s.", rate, duration.toSeconds(),
                    approvalEvery, settle.toSeconds());
        }
    }

    private final Deployment deployment;
    private final Settings settings;
    private final Path resultsDir;

    public FaultSuite(Deployment deployment, Settings settings, Path resultsDir) {
        this.deployment = deployment;
        this.settings = settings;
        this.resultsDir = resultsDir;
    }

    public static Settings settings(Deployment deployment) {
        return Settings.from(deployment);
    }

    /** Arguments: scenario names (none: all), and {@code --FAULTS_...=value} settings. */
    public static void main(String[] args) throws Exception {
        Path faults = Path.of(System.getProperty("faults.dir", "faults"));
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                overrides.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                names.add(arg);
            }
        }
        Deployment effective = Deployment.read(faults.resolve("target/deployment.env")).with(overrides);
        FaultSuite suite = new FaultSuite(effective, Settings.from(effective), faults.resolve("results"));
        Path report = suite.report(suite.run(names));
        System.out.println("Results: " + report);
    }

    /** Runs the named scenarios (all when none is named). */
    public List<ScenarioResult> run(List<String> names) {
        Map<String, Scenario> all = Scenarios.all(settings.jobLock());
        List<String> chosen = names.isEmpty() ? List.copyOf(all.keySet()) : names;
        for (String name : chosen) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("No scenario " + name + "; there are " + all.keySet());
            }
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : chosen) {
            results.add(runOne(all.get(name)));
        }
        return results;
    }

    public Path report(List<ScenarioResult> results) throws Exception {
        return ResultsReport.write(resultsDir.resolve(stamp + ".md"), "Fault suite " + stamp, settings.describe(),
                results);
    }

    private final String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC)
            .format(Instant.now());

    private ScenarioResult runOne(Scenario scenario) {
        LOG.info("Scenario {}: {}", scenario.name(), scenario.description());
        Path dir = resultsDir.resolve(stamp).resolve(scenario.name());
        Instant start = Instant.now();
        Duration faultAt = settings.duration().dividedBy(3);
        // After the heal the workload goes on for a third of the duration at least, to show the recovery.
        Duration length = max(settings.duration(), faultAt.plus(scenario.faultLength()).plus(faultAt));
        Databases databases = new Databases(deployment.orderDatabaseUrl(),
                deployment.notificationDatabaseUrl(), deployment.postgresUser(), deployment.postgresPassword());
        Partners partners = new Partners(deployment.get("FAULTS_PARTNERS_URL"));
        String webhookPath = "/webhooks/faults-" + scenario.name() + "-" + start.getEpochSecond();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (History history = History.recordingTo(dir.resolve("history.csv"))) {
            Gateways gateways = new Gateways(deployment.gateways(), history, Duration.ofSeconds(10));
            Callers callers = new Callers(deployment.tokenEndpoint());
            Checker checker = new Checker(databases, new EventTopic(deployment.get("FAULTS_KAFKA_BOOTSTRAP"),
                    "oasis.order.events"), new MailCatcher(deployment.get("FAULTS_MAIL_API_URL")), partners, MAILBOXES,
                    webhookPath);
            try (Workload workload = new Workload(new Workload.Settings(settings.rate(), length,
                    settings.approvalEvery()), deployment, gateways, callers)) {
                workload.prepare();
                checker.baseline();
                Gateways.Answer subscription = workload.subscribeWebhooks(settings.webhookBase() + webhookPath);
                if (!subscription.succeeded()) {
                    throw new IllegalStateException("The webhook subscription was refused: " + subscription.status()
                            + " " + subscription.body());
                }
                String subscriptionId = JSON.readTree(subscription.body()).path("id").asText();
                // The clock of the plot and the recovery starts with the orders, after the callers' set-up.
                Instant started = Instant.now();
                FaultContext context = new FaultContext(new Podman(), partners, databases, deployment, gateways,
                        callers, subscriptionId, webhookPath);
                AtomicReference<Instant> faultStart = new AtomicReference<>();
                AtomicReference<Instant> faultEnd = new AtomicReference<>();
                Future<?> fault = timer.schedule(() -> {
                    faultStart.set(Instant.now());
                    try {
                        scenario.fault().inject(context);
                        timer.schedule(() -> heal(scenario, context, faultEnd), scenario.faultLength().toMillis(),
                                TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        // Nothing was broken, so nothing is healed: the run goes on and shows it failed.
                        context.note("the fault could not be injected: " + e, false);
                        faultEnd.set(Instant.now());
                    }
                }, faultAt.toMillis(), TimeUnit.MILLISECONDS);
                workload.run();
                Instant workloadEnd = Instant.now();
                fault.get();
                org.awaitility.Awaitility.await("the fault is healed").atMost(scenario.faultLength().plusMinutes(5))
                        .until(() -> faultEnd.get() != null);

                boolean settled = checker.awaitSettled(history::acknowledgedOrders, settings.settle());
                Observations seen = checker.observe(history.acknowledgedOrders());
                Verdict verdict = Verdict.of(seen);
                OptionalLong recovery = Recovery.seconds(history.exchanges(), started, faultStart.get(),
                        faultEnd.get(), workloadEnd);
                Path chart = dir.resolve(scenario.name() + ".png");
                ThroughputChart.write(chart, scenario.name(), history.exchanges(), started, faultStart.get(),
                        faultEnd.get(), workloadEnd);
                LOG.info("Scenario {}: {}", scenario.name(), verdict);
                return new ScenarioResult(scenario.name(), scenario.description(), started, faultStart.get(),
                        faultEnd.get(), workloadEnd, verdict, recovery, settled, context.notes(), chart, null);
            }
        } catch (Exception e) {
            LOG.error("Scenario {} could not be completed", scenario.name(), e);
            return new ScenarioResult(scenario.name(), scenario.description(), start, start, start, Instant.now(),
                    null, OptionalLong.empty(), false, List.of(), null, e.toString());
        } finally {
            timer.shutdown();
        }
    }

    private static void heal(Scenario scenario, FaultContext context, AtomicReference<Instant> faultEnd) {
        try {
            scenario.fault().heal(context);
        } catch (Exception e) {
            context.note("the heal failed: " + e, false);
        } finally {
            faultEnd.set(Instant.now());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
