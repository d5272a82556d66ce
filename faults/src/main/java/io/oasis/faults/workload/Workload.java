package io.oasis.faults.workload;

import io.oasis.common.signature.SignedRequests;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload: places orders through the gateways at a steady rate, as the demo customers, and drives each one
 * through its lifecycle as the other parties would: the order manager approves the orders that need it, the
 * payment provider sends its signed notice, the carrier its signed shipment and delivery notices. Where an order
 * is comes from the order database; every request and answer goes into the {@link History}.
 */
public final class Workload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workload.class);

    /** A step not answered 2xx, or whose effect is not visible yet, is sent again after this long. */
    private static final Duration STEP_RETRY = Duration.ofSeconds(5);
    private static final String TIMESTAMP = "X-Oasis-Timestamp";
    private static final String SIGNATURE = "X-Oasis-Signature";
    private static final List<DemoUser> CUSTOMERS = List.of(DemoUser.CUSTOMER, DemoUser.CUSTOMER2);

    /**
     * @param ratePerSecond orders placed per second
     * @param duration      how long orders are placed
     * @param approvalEvery every n-th order is large enough to need the manager's approval (0: none)
     */
    public record Settings(double ratePerSecond, Duration duration, int approvalEvery) {
    }

    /** An order being driven: the step last sent for the status it was in, and when. */
    private record Step(String forStatus, Instant sentAt) {
    }

    private final Settings settings;
    private final Gateways gateways;
    private final Callers callers;
    private final OrderStatuses statuses;
    private final String paymentSecret;
    private final String carrierSecret;
    private final Map<UUID, Step> inFlight = new ConcurrentHashMap<>();
    /** What each order in flight costs, as the provider's payment must say (EUR). */
    private final Map<UUID, String> totals = new ConcurrentHashMap<>();
    private final Set<UUID> stepping = ConcurrentHashMap.newKeySet();
    private final Set<UUID> completed = ConcurrentHashMap.newKeySet();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicInteger placing = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(48);
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private ScheduledFuture<?> driving;

    public Workload(Settings settings, Deployment deployment, Gateways gateways, Callers tokens) {
        this.settings = settings;
        this.gateways = gateways;
        this.callers = tokens;
        this.statuses = new OrderStatuses(deployment.orderDatabaseUrl(), deployment.postgresUser(),
                deployment.postgresPassword());
        this.paymentSecret = deployment.get("ORDER_PAYMENT_WEBHOOK_SECRET");
        this.carrierSecret = deployment.get("ORDER_CARRIER_CALLBACK_SECRET");
    }

    /** The demo customers register themselves, unless an earlier run did. */
    public void prepare() {
        for (DemoUser customer : CUSTOMERS) {
            String token = callers.token(customer);
            Gateways.Answer profile = gateways.send(Operation.REGISTER, null, (gateway, request) -> request
                    .uri(Gateways.uri(gateway, "/api/v1/customers/me")).header("Authorization", "Bearer " + token)
                    .GET().build());
            if (profile.status() == 404) {
                Gateways.Answer registered = gateways.send(Operation.REGISTER, null, (gateway, request) -> request
                        .uri(Gateways.uri(gateway, "/api/v1/customers/me"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"country\":\"DE\"}")).build());
                if (!registered.succeeded()) {
                    throw new IllegalStateException(customer.username() + " could not register: "
                            + registered.status() + " " + registered.body());
                }
            } else if (!profile.succeeded()) {
                throw new IllegalStateException(customer.username() + "'s profile answered " + profile.status());
            }
        }
    }

    /**
     * A webhook subscription of the integration client for the order events the run watches, delivered to
     * {@code url} (the partners' stand-in as the services reach it).
     */
    public Gateways.Answer subscribeWebhooks(String url) {
        String token = callers.token(ServiceClient.INTEGRATION_DEMO);
        String body = "{\"url\":\"" + url + "\",\"eventTypes\":[\"OrderPlaced\",\"OrderDelivered\"]}";
        return gateways.send(Operation.SUBSCRIBE, null, (gateway, request) -> request
                .uri(Gateways.uri(gateway, "/api/v1/webhooks/subscriptions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Places orders for the settings' duration while driving the placed ones; returns when placing stops. */
    public void run() throws InterruptedException {
        long periodMicros = Math.max(1, Math.round(1_000_000 / settings.ratePerSecond()));
        var placer = clock.scheduleAtFixedRate(() -> {
            placing.incrementAndGet();
            workers.execute(this::placeOne);
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        driving = clock.scheduleWithFixedDelay(this::advance, 1, 1, TimeUnit.SECONDS);
        Thread.sleep(settings.duration().toMillis()); // the workload's length, not a wait for a condition
        placer.cancel(false);
        // Creates still on their way are answered (or time out on both gateways) before the run counts them.
        try {
            Awaitility.await("the last orders are answered").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200)).until(() -> placing.get() == 0);
        } catch (ConditionTimeoutException stillWaiting) {
            LOG.warn("{} orders still unanswered a minute after the last was placed", placing.get());
        }
        LOG.info("Placed {} orders; {} still in flight", placed.get(), inFlight.size());
    }

    /** Orders acknowledged and not yet seen delivered. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Orders seen delivered. */
    public int completed() {
        return completed.size();
    }

    /** Stops driving orders (after the settle wait). */
    @Override
    public void close() {
        if (driving != null) {
            driving.cancel(false);
        }
        clock.shutdownNow();
        workers.shutdownNow();
        statuses.close();
    }

    private void placeOne() {
        try {
            placeNext();
        } finally {
            placing.decrementAndGet();
        }
    }

    private void placeNext() {
        long n = placed.incrementAndGet();
        DemoUser customer = CUSTOMERS.get((int) (n % CUSTOMERS.size()));
        boolean large = settings.approvalEvery() > 0 && n % settings.approvalEvery() == 0;
        String body = large
                ? "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"DESK-1\",\"name\":\"Standing desk\",\"quantity\":1,"
                        + "\"unitPrice\":1200.00}]}"
                : "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"quantity\":1,"
                        + "\"unitPrice\":12.50}]}";
        String key = UUID.randomUUID().toString();
        String token;
        try {
            token = callers.token(customer);
        } catch (RuntimeException noToken) {
            return; // Keycloak never issued one: nothing can be sent
        }
        Gateways.Answer answer = gateways.send(Operation.PLACE_ORDER, null, (gateway, request) -> request
                .uri(Gateways.uri(gateway, "/api/v1/orders")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.succeeded()) {
            UUID id = OrderIds.fromBody(answer.body());
            if (id != null) {
                totals.put(id, large ? "1200.00" : "12.50");
                inFlight.put(id, new Step("", Instant.EPOCH));
            }
        }
    }

    /** One round: reads where the orders in flight are and sends each the step its status waits for. */
    private void advance() {
        Map<UUID, String> now;
        try {
            now = statuses.of(List.copyOf(inFlight.keySet()));
        } catch (SQLException | RuntimeException unreachable) {
            LOG.debug("Order statuses not readable this round: {}", unreachable.getMessage());
            return;
        }
        Instant tick = Instant.now();
        now.forEach((id, status) -> {
            if ("DELIVERED".equals(status)) {
                inFlight.remove(id);
                totals.remove(id);
                completed.add(id);
                return;
            }
            Step last = inFlight.get(id);
            boolean due = last != null && (!status.equals(last.forStatus())
                    || last.sentAt().plus(STEP_RETRY).isBefore(tick));
            if (due && stepNeeded(status) && stepping.add(id)) {
                inFlight.put(id, new Step(status, tick));
                workers.execute(() -> {
                    try {
                        step(id, status);
                    } finally {
                        stepping.remove(id);
                    }
                });
            }
        });
    }

    private static boolean stepNeeded(String status) {
        return switch (status) {
            case "IN_REVIEW", "AWAITING_PAYMENT", "PAID", "SHIPPED" -> true;
            default -> false;
        };
    }

    private void step(UUID id, String status) {
        switch (status) {
            case "IN_REVIEW" -> approve(id);
            case "AWAITING_PAYMENT" -> signed(Operation.PAY, id, "/api/v1/payments/webhook", paymentSecret,
                    "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-" + id + "\",\"outcome\":\"paid\",\"amount\":"
                            + totals.get(id) + ",\"currency\":\"EUR\"}");
            case "PAID" -> signed(Operation.SHIP, id, "/api/v1/orders/" + id + "/shipment", carrierSecret,
                    "{\"trackingId\":\"" + tracking(id) + "\",\"event\":\"shipped\"}");
            case "SHIPPED" -> signed(Operation.DELIVER, id, "/api/v1/orders/" + id + "/delivery", carrierSecret,
                    "{\"trackingId\":\"" + tracking(id) + "\",\"event\":\"delivered\"}");
            default -> {
            }
        }
    }

    private void approve(UUID id) {
        String token;
        try {
            token = callers.token(DemoUser.MANAGER);
        } catch (RuntimeException noToken) {
            return;
        }
        gateways.send(Operation.APPROVE, id, (gateway, request) -> request
                .uri(Gateways.uri(gateway, "/api/v1/orders/" + id + "/approval"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"approve\":true}")).build());
    }

    /** A partner's notice, signed afresh for each gateway tried (a signature is accepted once). */
    private void signed(Operation operation, UUID id, String path, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        gateways.send(operation, id, (gateway, request) -> {
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            return request.uri(Gateways.uri(gateway, path)).header("Content-Type", "application/json")
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, SignedRequests.sign(secret, timestamp, "POST", path, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        });
    }

    private static String tracking(UUID id) {
        return "TRK-" + id.toString().substring(0, 8).toUpperCase();
    }
}
