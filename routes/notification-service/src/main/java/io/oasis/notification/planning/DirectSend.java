package io.oasis.notification.planning;

import io.oasis.common.web.MultiLineText;
import java.util.Map;
import java.util.UUID;

/**
 * A message another service or an integration asks to send now ({@code POST /notifications}): to a
 * customer (their address, preferences and locale apply) or to one address, with a template (named by the
 * event type it belongs to) or with its own text.
 *
 * @param channel    email, sms or push (push only to a customer's devices)
 * @param customerId the customer; or leave it out and give {@code to}
 * @param to         exactly one e-mail address or E.164 phone number
 * @param template   an event type with templates, e.g. {@code OrderShipped}; or give {@code subject}/{@code text}
 * @param text       the message's own text, over several lines if need be (as is {@code html})
 * @param data       the template's fields (as {@code data.*}, and {@code order.*} for order templates); their
 *                   strings are one line each
 */
public record DirectSend(String channel, UUID customerId, String to, String template, String subject,
        @MultiLineText String text, @MultiLineText String html, Map<String, Object> data) {
}
