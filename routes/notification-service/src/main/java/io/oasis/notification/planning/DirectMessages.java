package io.oasis.notification.planning;

import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.contact.CustomerContactRepository;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.push.PushDevice;
import io.oasis.notification.push.PushDeviceRepository;
import io.oasis.notification.template.Templates;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A message asked for through {@code POST /notifications}: checked (one recipient, no line breaks in a
 * subject, a template that exists), addressed and rendered like an event's, and saved to be sent.
 */
@Component
public class DirectMessages {

    /** The event type of a message with its own text instead of a template. */
    public static final String DIRECT = "DirectMessage";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_TEXT = 20_000;

    private final CustomerContactRepository contacts;
    private final PushDeviceRepository devices;
    private final Templates templates;
    private final Clock clock;

    public DirectMessages(CustomerContactRepository contacts, PushDeviceRepository devices, Templates templates,
            Clock clock) {
        this.contacts = contacts;
        this.devices = devices;
        this.templates = templates;
        this.clock = clock;
    }

    public Notification plan(DirectSend request, CurrentUser caller) {
        Channel channel = check(request);
        Instant now = clock.instant();
        CustomerContact contact = null;
        String recipient = request.to() == null ? null : request.to().trim();
        String targetKey = recipient;
        UUID deviceId = null;
        if (request.customerId() != null) {
            contact = contacts.findById(request.customerId())
                    .orElseThrow(() -> new NotFoundException("No customer " + request.customerId() + "."));
            if (channel == Channel.PUSH) {
                // The most recently registered device: one recipient per message.
                List<PushDevice> registered = devices.findByCustomerIdOrderByCreatedAt(contact.getCustomerId());
                PushDevice device = registered.isEmpty() ? null : registered.get(registered.size() - 1);
                recipient = device == null ? null : device.getToken();
                deviceId = device == null ? null : device.getId();
                targetKey = device == null ? "none" : "device:" + device.getId();
            } else {
                recipient = channel == Channel.EMAIL ? contact.getEmail() : contact.getPhone();
                targetKey = recipient;
            }
        }
        String eventType = request.template() != null ? request.template().trim() : DIRECT;
        Notification notification = new Notification(UUID.randomUUID(), channel, eventType, null,
                contact == null ? null : contact.getCustomerId(), targetKey == null ? "none" : targetKey,
                recipient == null ? "-" : recipient, now, now);
        notification.setDeviceId(deviceId);
        notification.setRequestedBy(caller.clientId() != null ? caller.clientId() : caller.subject());
        String locale = contact == null ? null : contact.getLocale();
        if (request.template() != null) {
            templates.render(eventType, channel, locale, model(request, contact)).ifPresent(text -> notification
                    .content(text.template(), text.locale(), text.subject(), text.text(), text.html()));
        } else {
            notification.content(null, null, request.subject(), request.text(), request.html());
        }
        if (contact != null) {
            String refusal = Refusals.refusal(channel, contact, recipient);
            if (refusal != null) {
                notification.suppress(refusal, now);
            }
        }
        return notification;
    }

    private Channel check(DirectSend request) {
        List<FieldError> errors = new ArrayList<>();
        Channel channel = null;
        try {
            channel = request.channel() == null ? null : Channel.fromKey(request.channel());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (channel == null || channel == Channel.WEBHOOK) {
            errors.add(new FieldError("channel", "must be email, sms or push (webhooks go to subscriptions)"));
        }
        if ((request.customerId() == null) == (request.to() == null)) {
            errors.add(new FieldError("to", "give either customerId or to, not both"));
        } else if (request.to() != null && channel != null) {
            checkRecipient(channel, request.to()).ifPresent(errors::add);
        }
        if ((request.template() == null) == (request.text() == null)) {
            errors.add(new FieldError("template", "give either a template or your own text, not both"));
        }
        if (request.template() != null && channel != null && channel != Channel.WEBHOOK
                && !templates.has(request.template().trim(), channel)) {
            errors.add(new FieldError("template", "no " + channel.key() + " template for " + request.template()));
        }
        if (request.subject() != null && (request.subject().contains("\r") || request.subject().contains("\n"))) {
            errors.add(new FieldError("subject", "must be one line"));
        }
        if (request.text() != null && request.text().length() > MAX_TEXT) {
            errors.add(new FieldError("text", "at most " + MAX_TEXT + " characters"));
        }
        if (channel == Channel.EMAIL && request.text() != null && (request.subject() == null || request.subject().isBlank())) {
            errors.add(new FieldError("subject", "an e-mail needs a subject"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The message cannot be sent as it is.", errors);
        }
        return channel;
    }

    private static Optional<FieldError> checkRecipient(Channel channel, String to) {
        String value = to.trim();
        if (value.contains("\r") || value.contains("\n")) {
            return Optional.of(new FieldError("to", "must be one line"));
        }
        switch (channel) {
            case EMAIL -> {
                try {
                    InternetAddress[] parsed = InternetAddress.parse(value, true);
                    if (parsed.length != 1 || value.contains(",") || value.contains(";")) {
                        return Optional.of(new FieldError("to", "must be exactly one e-mail address"));
                    }
                    parsed[0].validate();
                } catch (AddressException e) {
                    return Optional.of(new FieldError("to", "is not an e-mail address"));
                }
            }
            case SMS -> {
                if (!E164.matcher(value).matches()) {
                    return Optional.of(new FieldError("to", "must be one phone number in E.164 form, e.g. +4915112345678"));
                }
            }
            case PUSH -> {
                return Optional.of(new FieldError("to", "push goes to a customer's devices: give customerId"));
            }
            default -> {
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> model(DirectSend request, CustomerContact contact) {
        Map<String, Object> model = new LinkedHashMap<>();
        Map<String, Object> data = request.data() == null ? Map.of() : request.data();
        model.put("data", data);
        model.put("order", data);
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("givenName", contact == null || contact.getGivenName() == null ? "" : contact.getGivenName());
        customer.put("familyName", contact == null || contact.getFamilyName() == null ? "" : contact.getFamilyName());
        model.put("customer", customer);
        return model;
    }
}
