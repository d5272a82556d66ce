package io.oasis.notification.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.notification.NotificationServiceTestBase;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;

/**
 * Helpers for the SMS tests: WireMock answers as Twilio's Messages API would, for one recipient number each
 * (every test uses its own number, so tests never see each other's requests).
 */
abstract class SmsTestBase extends NotificationServiceTestBase {

    @Value("${oasis.notification.sms.account-sid}")
    protected String accountSid;
    @Value("${oasis.notification.sms.auth-token}")
    protected String authToken;
    @Value("${oasis.notification.sms.from}")
    protected String from;
    @Value("${oasis.notification.sms.status-callback-url}")
    protected String statusCallbackUrl;

    /**
     * A customer who wants SMS only (e-mail off, unless {@code preferences} says otherwise): each test sees its own
     * SMS, and no e-mail shares the dispatcher's senders with it.
     */
    protected UUID registerSmsCustomer(String phone, Map<String, Object> preferences) throws Exception {
        Map<String, Object> smsOnly = new LinkedHashMap<>();
        smsOnly.put("emailOptIn", false);
        smsOnly.putAll(preferences);
        return registerCustomer(uniqueEmail("sms"), phone, smsOnly);
    }

    /** Twilio's Messages resource of the configured account. */
    protected String messages() {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
    }

    /** A German mobile number nobody else uses in this run. */
    protected static String uniquePhone() {
        return "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000));
    }

    /** A message SID as Twilio makes them: SM and 32 hex digits. */
    protected static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A message create to {@code to}, with the account's credentials. */
    protected MappingBuilder createTo(String to) {
        return post(urlEqualTo(messages())).withBasicAuth(accountSid, authToken).withFormParam("To", equalTo(to));
    }

    /** Twilio accepts every message to {@code to}, answering 201 with the message resource; returns its SID. */
    protected String acceptMessagesTo(String to) {
        String sid = newSid();
        STAND_INS.stubFor(createTo(to).willReturn(accepted(sid, to)));
        return sid;
    }

    /** Twilio's 201 answer to a message create. */
    protected ResponseDefinitionBuilder accepted(String sid, String to) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"account_sid": "%1$s", "api_version": "2010-04-01", "body": "Oasis: your order has been shipped.",
                 "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null,
                 "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": "%2$s", "messaging_service_sid": null,
                 "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%3$s",
                 "status": "queued",
                 "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/%3$s/Media.json"},
                 "to": "%4$s", "uri": "/2010-04-01/Accounts/%1$s/Messages/%3$s.json"}
                """.formatted(accountSid, from, sid, to));
    }

    /** Twilio's error answer: its JSON error document with {@code code}. */
    protected static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                """.formatted(code, message, code, status));
    }

    protected StubMapping stub(MappingBuilder mapping) {
        return STAND_INS.stubFor(mapping);
    }

    /** The message creates WireMock received for {@code to}, oldest first. */
    protected List<LoggedRequest> requestsTo(String to) {
        return STAND_INS.findAll(postRequestedFor(urlEqualTo(messages())).withFormParam("To", equalTo(to))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** The SMS notifications of a customer, oldest first, once there are {@code count} of them. */
    protected List<Map<String, Object>> smsNotifications(UUID customerId, int count) {
        String sql = "SELECT * FROM notification WHERE customer_id = ? AND channel = 'SMS' ORDER BY created_at";
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(sql, customerId).size() >= count);
        return jdbc.queryForList(sql, customerId);
    }

    /** Waits until notification {@code id} has {@code status}. */
    protected Map<String, Object> awaitStatus(Object id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(
                () -> status.equals(jdbc.queryForObject("SELECT status FROM notification WHERE id = ?",
                        String.class, id)));
        return jdbc.queryForMap("SELECT * FROM notification WHERE id = ?", id);
    }

    protected boolean phoneInvalid(UUID customerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT phone_invalid FROM customer_contact WHERE customer_id = ?", Boolean.class, customerId));
    }
}
