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
 * @param baseUrl            the provider's API root; messages go to {@code {baseUrl}/v1/projects/{projectId}/messages:send}
 * @param projectId          the provider project the devices' tokens belong to; unset, the key's own
 * @param serviceAccount     the provider's service-account key, the JSON of its key file (secret)
 * @param serviceAccountFile or the path of that file, mounted (secret)
 * @param timeout            for connecting and for the answer
 * @param maxDevices         how many devices one customer may register
 */
@ConfigurationProperties("oasis.notification.push")
public record PushSettings(String baseUrl, String projectId, String serviceAccount, String serviceAccountFile,
        Duration timeout, Integer maxDevices) {

    // Cloud project ids: lower-case letters, digits and hyphens. Nothing that could change the path.
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public PushSettings {
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(10) : timeout;
        maxDevices = maxDevices == null || maxDevices < 1 ? 10 : maxDevices;
    }

    /** Why pushes cannot be sent to this project with these settings, or empty if they can. */
    public Optional<String> problem(String project) {
        if (blank(baseUrl) || !isHttpUrl(baseUrl.trim())) {
            return Optional.of("oasis.notification.push.base-url (NOTIFICATION_PUSH_BASE_URL) is not an http(s) URL");
        }
        if (blank(project) || !PROJECT_ID.matcher(project.trim()).matches()) {
            return Optional.of("oasis.notification.push.project-id (NOTIFICATION_PUSH_PROJECT_ID, or the key's "
                    + "project_id) is not set or not a project id");
        }
        return Optional.empty();
    }

    /** The send endpoint, e.g. {@code https://fcm.googleapis.com/v1/projects/my-app/messages:send}. */
    public String sendUrl(String project) {
        return baseUrl.trim().replaceAll("/+$", "") + "/v1/projects/" + project.trim() + "/messages:send";
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
