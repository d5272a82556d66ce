package io.oasis.notification.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMS channel: {@code oasis.notification.sms.*}.
 *
 * @param accountSid        the Twilio account; without it (or the token, or a sender) every SMS fails
 * @param authToken         secret: signs the API calls and checks the status callbacks' signatures
 * @param from              the sending number (E.164) or alphanumeric sender id
 * @param baseUrl           where the Twilio API is; empty for the real Twilio, a stand-in's URL in tests
 * @param statusCallbackUrl the public URL of {@code POST /api/v1/notifications/twilio/status} exactly as Twilio
 *                          calls it (Twilio signs that URL); empty: no status callbacks are asked for or accepted
 * @param timeout           connect and response timeout of each call to Twilio
 */
@ConfigurationProperties("oasis.notification.sms")
public record SmsSettings(String accountSid, String authToken, String from, String baseUrl, String statusCallbackUrl,
        Duration timeout) {

    public SmsSettings {
        accountSid = trimmed(accountSid);
        authToken = trimmed(authToken);
        from = trimmed(from);
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim().replaceAll("/+$", "");
        statusCallbackUrl = trimmed(statusCallbackUrl);
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** Whether SMS can be sent at all: an account, its token and a sender. */
    public boolean configured() {
        return accountSid != null && authToken != null && from != null;
    }

    /** Whether Twilio is asked to report each message's delivery, and its reports accepted. */
    public boolean statusCallbacks() {
        return statusCallbackUrl != null && authToken != null;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
