package io.oasis.faults.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The named scenarios of the suite. Each one breaks one thing under the steady workload and heals it; the checker
 * then counts. Container names are the deployment's ({@code faults-<service>-<n>}).
 */
public final class Scenarios {

    static final String ORDER_NODE = "faults-order-1";
    static final String NOTIFICATION_NODE = "faults-notification-1";
    static final String GATEWAY_NODE = "faults-gateway-1";
    static final String POSTGRES = "faults-postgres";
    static final String KEYCLOAK = "faults-keycloak";
    static final String MAIL = "faults-mail";
    static final List<String> BROKERS = List.of("faults-kafka-1", "faults-kafka-2", "faults-kafka-3");
    static final String ORDER_TOPIC = "oasis.order.events";

    private Scenarios() {
    }

    /** Every scenario by name, in the order the suite runs them. */
    public static Map<String, Scenario> all(Duration jobLockTime) {
        Map<String, Scenario> all = new LinkedHashMap<>();
        for (Scenario scenario : List.of(
                killAndRestart("order-node-kill", "an order-service node killed (-9) while holding jobs, restarted "
                        + "30 s later", ORDER_NODE),
                killAndRestart("notification-node-kill", "a notification-service node killed (-9) mid-send, "
                        + "restarted 30 s later", NOTIFICATION_NODE),
                gatewayKill(),
                kafkaLeaderKill(),
                new Scenario("kafka-cluster-down", "all three Kafka brokers down for 60 s while orders keep being "
                        + "accepted", Duration.ofSeconds(60), new Scenario.Fault() {
                            // All at once: one after another, the stops took half a minute of the run.
                            public void inject(FaultContext context) {
                                context.podman().stop(BROKERS.toArray(String[]::new));
                            }

                            public void heal(FaultContext context) {
                                context.podman().start(BROKERS.toArray(String[]::new));
                            }
                        }),
                new Scenario("postgres-restart", "PostgreSQL stopped and started again under load (down 15 s)",
                        Duration.ofSeconds(15), new Scenario.Fault() {
                            public void inject(FaultContext context) {
                                context.podman().stop(POSTGRES);
                            }

                            public void heal(FaultContext context) {
                                context.podman().start(POSTGRES);
                            }
                        }),
                new Scenario("keycloak-down", "Keycloak down for 10 minutes (tokens issued before stay valid, nothing "
                        + "forged is accepted), then its signing key rotated", Duration.ofMinutes(10),
                        new KeycloakOutage(KEYCLOAK)),
                new Scenario("provider-faults", "SMTP refusing, the SMS provider answering 429 with Retry-After, the "
                        + "webhook receiver answering 500 then 410, for 60 s", Duration.ofSeconds(60),
                        new ProviderFaults(MAIL)),
                new Scenario("order-node-partition", "an order-service node cut off from the network (and so from "
                        + "the database) for 30 s", Duration.ofSeconds(30), new Scenario.Fault() {
                            public void inject(FaultContext context) {
                                context.podman().disconnect(context.network(), ORDER_NODE);
                            }

                            public void heal(FaultContext context) {
                                context.podman().connect(context.network(), ORDER_NODE);
                            }
                        }),
                new Scenario("order-node-pause", "an order-service node frozen longer than the job lock time ("
                        + jobLockTime.toSeconds() + " s), then resumed", jobLockTime.plusSeconds(30),
                        new Scenario.Fault() {
                            public void inject(FaultContext context) {
                                context.podman().pause(ORDER_NODE);
                            }

                            public void heal(FaultContext context) {
                                context.podman().unpause(ORDER_NODE);
                            }
                        }))) {
            all.put(scenario.name(), scenario);
        }
        return all;
    }

    private static Scenario killAndRestart(String name, String description, String container) {
        return new Scenario(name, description, Duration.ofSeconds(30), new Scenario.Fault() {
            public void inject(FaultContext context) {
                context.podman().kill(container);
            }

            public void heal(FaultContext context) {
                context.podman().start(container);
            }
        });
    }

    private static Scenario gatewayKill() {
        return new Scenario("gateway-node-kill", "a gateway node killed (-9), restarted 30 s later; then one caller "
                + "alternating both gateways must not get more than one rate budget", Duration.ofSeconds(30),
                new Scenario.Fault() {
                    public void inject(FaultContext context) {
                        context.podman().kill(GATEWAY_NODE);
                    }

                    public void heal(FaultContext context) throws Exception {
                        context.podman().start(GATEWAY_NODE);
                        RateBudgetProbe.run(context);
                    }
                });
    }

    private static Scenario kafkaLeaderKill() {
        return new Scenario("kafka-broker-kill", "the broker leading the order events' first partition killed (-9), "
                + "restarted 30 s later", Duration.ofSeconds(30), new Scenario.Fault() {
                    public void inject(FaultContext context) {
                        String leader = leaderOf(context.deployment().get("FAULTS_KAFKA_BOOTSTRAP"));
                        context.state().put("broker", leader);
                        context.note("killed the partition leader " + leader, true);
                        context.podman().kill(leader);
                    }

                    public void heal(FaultContext context) {
                        context.podman().start(context.state().get("broker"));
                    }
                });
    }

    /** The container of the broker that leads partition 0 of the order events (broker n runs in faults-kafka-n). */
    static String leaderOf(String bootstrap) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(config)) {
            TopicDescription topic = admin.describeTopics(Set.of(ORDER_TOPIC)).allTopicNames()
                    .get(90, TimeUnit.SECONDS).get(ORDER_TOPIC);
            int leader = topic.partitions().get(0).leader().id();
            return "faults-kafka-" + leader;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot find the leader of " + ORDER_TOPIC + ": " + e.getCause(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot find the leader of " + ORDER_TOPIC + ": " + e, e);
        }
    }
}
