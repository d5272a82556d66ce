package io.oasis.notification.push;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered device as the API shows it. The token is a credential for pushing to the device, so only
 * its last characters are shown, enough for the app to recognise its own.
 */
public record DeviceView(UUID id, UUID customerId, String platform, String token, Instant createdAt) {

    static final int SHOWN = 6;

    public static DeviceView of(PushDevice device) {
        return new DeviceView(device.getId(), device.getCustomerId(), device.getPlatform(), mask(device.getToken()),
                device.getCreatedAt());
    }

    /** {@code ...} and the last 6 characters; a token of 6 or fewer characters is not shown at all. */
    static String mask(String token) {
        if (token == null || token.length() <= SHOWN) {
            return "...";
        }
        return "..." + token.substring(token.length() - SHOWN);
    }
}
