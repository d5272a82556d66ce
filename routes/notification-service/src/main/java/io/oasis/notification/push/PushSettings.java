package io.oasis.notification.push;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The push provider: {@code oasis.notification.push.*}. Unset or malformed values do not stop the service
 * from starting (e-mail, SMS and webhooks still go out); each push then fails permanently, saying which
 * setting is missing.
 *
 * @param baseUrl     the provider's API root; messages go to {@code {baseUrl}/v1/projects/{projectId}/messages:send}
 * @param projectId   the provider project the devices' tokens belong to
 * @param accessToken OAuth 2 bearer token for the provider's API (secret)
 * @param timeout     for connecting and for the answer
 */
@ConfigurationProperties("oasis.notification.push")
public record PushSettings(String baseUrl, String projectId, String accessToken, Duration timeout) {

    // Cloud project ids: lower-case letters, digits and hyphens. Nothing that could change the path.
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public PushSettings {
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(10) : timeout;
    }

    /** Why pushes cannot be sent with these settings, or empty if they can. */
    public Optional<String> problem() {
        if (blank(baseUrl) || !isHttpUrl(baseUrl.trim())) {
            return Optional.of("oasis.notification.push.base-url (NOTIFICATION_PUSH_BASE_URL) is not an http(s) URL");
        }
        if (blank(projectId) || !PROJECT_ID.matcher(projectId.trim()).matches()) {
            return Optional.of("oasis.notification.push.project-id (NOTIFICATION_PUSH_PROJECT_ID) is not set "
                    + "or not a project id");
        }
        if (blank(accessToken)) {
            return Optional.of("oasis.notification.push.access-token (NOTIFICATION_PUSH_ACCESS_TOKEN) is not set");
        }
        return Optional.empty();
    }

    /** The send endpoint, e.g. {@code https://fcm.googleapis.com/v1/projects/my-app/messages:send}. */
    public String sendUrl() {
        return baseUrl.trim().replaceAll("/+$", "") + "/v1/projects/" + projectId.trim() + "/messages:send";
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
