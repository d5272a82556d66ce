package io.oasis.notification.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.common.tracing.TraceParents;
import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.contact.CustomerDirectory;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationRepository;
import io.oasis.notification.delivery.OneTimeContents;
import io.oasis.notification.delivery.Recipients;
import io.oasis.notification.privacy.ErasedCustomers;
import io.oasis.notification.privacy.NotificationPersonalData;
import io.oasis.notification.push.PushDevice;
import io.oasis.notification.push.PushDeviceRepository;
import io.oasis.notification.template.Templates;
import io.oasis.notification.webhook.WebhookSubscription;
import io.oasis.notification.webhook.WebhookSubscriptionRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an event into notifications: one per channel the event has a template for (e-mail, SMS, one per
 * push device), each rendered in the customer's locale and addressed from the contact projection, or
 * suppressed with the reason (opted out, no valid address); and one per webhook subscription that wants
 * the event type. They are saved, not sent: the {@code DeliveryDispatcher} sends what is due. The customer
 * service's mails about an e-mail address go to that address only, and to no webhook ({@link AddressedMails}).
 */
@Component
public class NotificationPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationPlanner.class);
    private static final List<Channel> PERSONAL = List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH);

    private final CustomerDirectory directory;
    private final Templates templates;
    private final NotificationRepository notifications;
    private final PushDeviceRepository devices;
    private final WebhookSubscriptionRepository subscriptions;
    private final AddressedMails addressedMails;
    private final OneTimeContents oneTimeContents;
    private final ErasedCustomers erasedCustomers;
    private final ObjectMapper json;
    private final Clock clock;
    private final TraceParents traceParents;

    public NotificationPlanner(CustomerDirectory directory, Templates templates, NotificationRepository notifications,
            PushDeviceRepository devices, WebhookSubscriptionRepository subscriptions, AddressedMails addressedMails,
            OneTimeContents oneTimeContents, ErasedCustomers erasedCustomers, ObjectMapper json, Clock clock,
            TraceParents traceParents) {
        this.directory = directory;
        this.templates = templates;
        this.notifications = notifications;
        this.devices = devices;
        this.subscriptions = subscriptions;
        this.addressedMails = addressedMails;
        this.oneTimeContents = oneTimeContents;
        this.erasedCustomers = erasedCustomers;
        this.json = json;
        this.clock = clock;
        this.traceParents = traceParents;
    }

    /** Plans the notifications of one event; the caller's transaction saves them with the event's id. */
    public List<Notification> plan(ReceivedEvent event) throws IOException {
        JsonNode data = event.data(JsonNode.class);
        if (addressedMails.handles(event.type())) {
            return planAddressed(event, data);
        }
        UUID customerId = customerId(data);
        // An event about a customer erased meanwhile messages nobody, and partners get it without their data.
        boolean erased = customerId != null && erasedCustomers.isErased(customerId);
        List<Notification> planned = new ArrayList<>();
        if (customerId != null && !erased && PERSONAL.stream().anyMatch(channel -> templates.has(event.type(), channel))) {
            Optional<CustomerContact> contact = directory.find(customerId);
            if (contact.isPresent()) {
                Map<String, Object> model = model(event, data, contact.get());
                for (Channel channel : PERSONAL) {
                    planned.addAll(personal(event, channel, contact.get(), model));
                }
            } else {
                LOG.warn("Event {} ({}) is about customer {}, whom nobody knows; no message to them", event.id(),
                        event.type(), customerId);
            }
        }
        planned.addAll(webhooks(event, erased ? NotificationPersonalData.redact(data) : data, customerId));
        return save(event, planned);
    }

    /** A mail to the address the event names, and nothing else (no webhooks): see {@link AddressedMails}. */
    private List<Notification> planAddressed(ReceivedEvent event, JsonNode data) {
        Optional<AddressedMails.Planned> mail = addressedMails.plan(event, data);
        if (mail.isEmpty()) {
            return List.of();
        }
        List<Notification> saved = save(event, new ArrayList<>(List.of(mail.get().notification())));
        if (!saved.isEmpty() && mail.get().oneTimeContent().isPresent()) {
            notifications.flush(); // the content's row refers to the notification's
            oneTimeContents.keep(mail.get().notification().getId(), mail.get().oneTimeContent().get(),
                    mail.get().expiresAt());
        }
        return saved;
    }

    private List<Notification> save(ReceivedEvent event, List<Notification> planned) {
        // An event processed again after a crash (its notifications saved, its id not yet confirmed) adds nothing.
        Set<String> done = notifications.findByEventId(event.id()).stream()
                .map(target -> target.getChannel() + " " + target.getTargetKey()).collect(Collectors.toSet());
        planned.removeIf(n -> done.contains(n.getChannel() + " " + n.getTargetKey()));
        // Its deliveries continue the trace of this event's handling, which continues the event's own.
        String traceparent = traceParents.current() != null ? traceParents.current() : event.traceparent();
        planned.forEach(notification -> {
            notification.setCorrelationId(event.correlationId());
            notification.setTraceparent(traceparent);
        });
        notifications.saveAll(planned);
        if (!planned.isEmpty()) {
            LOG.info("Event {} ({}) planned {} notification(s): {}", event.id(), event.type(), planned.size(),
                    planned.stream().map(n -> n.getChannel() + " " + n.getStatus()).toList());
        }
        return planned;
    }

    private List<Notification> personal(ReceivedEvent event, Channel channel, CustomerContact contact,
            Map<String, Object> model) {
        if (!templates.has(event.type(), channel)) {
            return List.of();
        }
        Instant now = clock.instant();
        if (channel == Channel.PUSH) {
            List<PushDevice> registered = devices.findByCustomerIdOrderByCreatedAt(contact.getCustomerId());
            if (registered.isEmpty()) {
                return List.of(); // nothing to push to: not a suppression, just no device
            }
            String refusal = Refusals.refusal(channel, contact, "device");
            return registered.stream().map(device -> {
                Notification push = notification(event, channel, contact, "device:" + device.getId(), device.getToken(),
                        model, now);
                push.setDeviceId(device.getId());
                return refusal == null ? push : suppressed(push, refusal, now);
            }).toList();
        }
        String address = channel == Channel.EMAIL ? contact.getEmail() : contact.getPhone();
        String refusal = Refusals.refusal(channel, contact, address);
        Notification notification = notification(event, channel, contact, address == null ? "none" : address,
                address == null ? "-" : address, model, now);
        return List.of(refusal == null ? notification : suppressed(notification, refusal, now));
    }

    private Notification suppressed(Notification notification, String reason, Instant now) {
        notification.suppress(reason, now);
        LOG.info("{} notification for {} to {} suppressed: {}", notification.getChannel(),
                notification.getEventType(), Recipients.mask(notification.getChannel(), notification.getRecipient()),
                reason);
        return notification;
    }

    private Notification notification(ReceivedEvent event, Channel channel, CustomerContact contact, String targetKey,
            String recipient, Map<String, Object> model, Instant now) {
        Notification notification = new Notification(UUID.randomUUID(), channel, event.type(), event.id(),
                contact.getCustomerId(), targetKey, recipient, now, now);
        templates.render(event.type(), channel, contact.getLocale(), model).ifPresent(text -> notification
                .content(text.template(), text.locale(), text.subject(), text.text(), text.html()));
        return notification;
    }

    private List<Notification> webhooks(ReceivedEvent event, JsonNode data, UUID customerId) {
        List<WebhookSubscription> wanting = subscriptions.findByStatus(WebhookSubscription.Status.ACTIVE).stream()
                .filter(subscription -> subscription.wants(event.type())).toList();
        if (wanting.isEmpty()) {
            return List.of();
        }
        String payload = webhookPayload(event, data);
        Instant now = clock.instant();
        return wanting.stream().map(subscription -> {
            Notification delivery = new Notification(UUID.randomUUID(), Channel.WEBHOOK, event.type(), event.id(),
                    customerId, "subscription:" + subscription.getId(), subscription.getUrl(), now, now);
            delivery.setSubscriptionId(subscription.getId());
            delivery.setPayload(payload);
            return delivery;
        }).toList();
    }

    /** The body of a webhook, as the Standard Webhooks spec suggests: type, timestamp and the event's data. */
    private String webhookPayload(ReceivedEvent event, JsonNode data) {
        ObjectNode body = json.createObjectNode();
        body.put("type", event.type());
        Instant time = event.envelope().getTime() != null ? event.envelope().getTime().toInstant() : clock.instant();
        body.put("timestamp", time.toString());
        body.put("eventId", event.id());
        body.set("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the templates see: {@code event}, {@code customer} and the event's data (as {@code order} or {@code data}). */
    private Map<String, Object> model(ReceivedEvent event, JsonNode data, CustomerContact contact) {
        Map<String, Object> model = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.convertValue(data, Map.class);
        model.put("data", fields);
        if (event.type().startsWith("Order")) {
            model.put("order", fields);
        }
        model.put("event", Map.of("id", event.id(), "type", event.type()));
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("givenName", contact.getGivenName() == null ? "" : contact.getGivenName());
        customer.put("familyName", contact.getFamilyName() == null ? "" : contact.getFamilyName());
        model.put("customer", customer);
        return model;
    }

    private static UUID customerId(JsonNode data) {
        JsonNode id = data.path("customerId");
        if (id.isMissingNode() || id.isNull()) {
            id = data.path("customer").path("id");
        }
        try {
            return id.isTextual() ? UUID.fromString(id.asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
