package io.oasis.faults.scenario;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The providers fail: the mail relay cannot be reached (cut off the network, so its mailboxes survive for the
 * check), the SMS provider answers 429 with {@code Retry-After}, the run's webhook receiver answers 500 and, from
 * the middle of the fault on, 410 Gone. Each must be retried on its schedule and show in the delivery log; the 410
 * must disable the subscription; no notification may vanish.
 */
final class ProviderFaults implements Scenario.Fault {

    private static final long SECONDS_OF_500 = 30;

    private final String mailContainer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    ProviderFaults(String mailContainer) {
        this.mailContainer = mailContainer;
    }

    @Override
    public void inject(FaultContext context) throws Exception {
        context.podman().disconnect(context.network(), mailContainer);
        context.state().put("sms", context.partners().stub("""
                {"priority": 1,
                 "request": {"method": "POST", "urlPathPattern": ".*/Messages\\\\.json"},
                 "response": {"status": 429, "headers": {"Retry-After": "10", "Content-Type": "application/json"},
                              "jsonBody": {"code": 20429, "message": "Too Many Requests", "status": 429}}}"""));
        context.state().put("webhook", context.partners().stub(webhookAnswer(context.webhookPath(), 500)));
        timer.schedule(() -> {
            try {
                context.partners().removeStub(context.state().get("webhook"));
                context.state().put("webhook", context.partners().stub(webhookAnswer(context.webhookPath(), 410)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                context.note("could not switch the webhook receiver to 410: " + e.getMessage(), false);
            }
        }, SECONDS_OF_500, TimeUnit.SECONDS);
    }

    @Override
    public void heal(FaultContext context) throws Exception {
        timer.shutdownNow();
        context.podman().connect(context.network(), mailContainer);
        context.partners().removeStub(context.state().get("sms"));
        context.partners().removeStub(context.state().get("webhook"));
        String status = context.databases().subscriptionStatus(context.subscriptionId());
        context.note("after 410 Gone the webhook subscription is " + status, "DISABLED".equals(status));
        Map<String, Integer> deliveries = context.databases().webhookDeliveries(context.subscriptionId());
        context.note("the subscription's deliveries in the delivery log by status: " + deliveries,
                !deliveries.isEmpty());
    }

    private static String webhookAnswer(String path, int status) {
        return "{\"priority\": 1, \"request\": {\"method\": \"POST\", \"urlPathPattern\": \"" + path + ".*\"},"
                + " \"response\": {\"status\": " + status + "}}";
    }
}
