package io.oasis.notification.push;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /notifications/devices}: the token the app got from the push provider, and the
 * kind of device. The token goes into the provider's JSON as it is, so only printable ASCII without spaces
 * or line breaks is taken (which every provider token is).
 */
public record DeviceRegistration(
        @NotNull @Size(min = 1, max = PushDevice.MAX_TOKEN_LENGTH)
        @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII without spaces or line breaks")
        String token,
        @NotNull @Pattern(regexp = "android|ios|web", message = "must be android, ios or web") String platform) {
}
