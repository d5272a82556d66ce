package io.oasis.notification.push;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.oasis.notification.delivery.DeliveryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The push provider's access tokens, minted from its service-account key with the OAuth 2.0 JWT bearer
 * grant (an assertion signed RS256 with the key, sent to the key's {@code token_uri}) by Google's own
 * auth library, which keeps each token until shortly before it expires and then mints the next. The key
 * comes from {@code oasis.notification.push.service-account} (the key file's JSON) or
 * {@code service-account-file} (a mounted file); without one, or with one that is not a service-account
 * key, every push fails permanently, saying why, and the service runs on.
 */
@Component
public class PushCredentials {

    /** The one scope pushes need. */
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final GoogleCredentials credentials;
    private final String projectId;
    private final String problem;

    public PushCredentials(PushSettings settings) {
        ServiceAccountCredentials key = null;
        String why = null;
        try (InputStream json = keyJson(settings)) {
            if (json == null) {
                why = "oasis.notification.push.service-account (NOTIFICATION_PUSH_SERVICE_ACCOUNT) or service-account-file "
                        + "(NOTIFICATION_PUSH_SERVICE_ACCOUNT_FILE) is not set";
            } else {
                key = ServiceAccountCredentials.fromStream(json);
            }
        } catch (IOException | RuntimeException e) {
            // The library's message names the missing field; the key itself is never part of it.
            why = "the push service-account key cannot be read: " + e.getMessage();
        }
        this.credentials = key == null ? null : key.createScoped(List.of(SCOPE));
        this.projectId = settings.projectId() != null && !settings.projectId().isBlank() ? settings.projectId().trim()
                : key == null ? null : key.getProjectId();
        this.problem = why;
    }

    /** Why no token can be minted, or empty if one can. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The provider project: {@code project-id} if set, otherwise the key's own {@code project_id}. */
    public String projectId() {
        return projectId;
    }

    /**
     * A token that is valid for a few minutes more at least.
     *
     * @throws DeliveryException a transient failure when the token endpoint cannot be reached or refuses for now
     */
    public String accessToken() {
        try {
            credentials.refreshIfExpired();
            return credentials.getAccessToken().getTokenValue();
        } catch (IOException e) {
            throw DeliveryException.transientFailure("No access token from the push provider's token endpoint: "
                    + e.getMessage(), null, null);
        }
    }

    private static InputStream keyJson(PushSettings settings) throws IOException {
        if (settings.serviceAccount() != null && !settings.serviceAccount().isBlank()) {
            return new ByteArrayInputStream(settings.serviceAccount().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.serviceAccountFile() != null && !settings.serviceAccountFile().isBlank()) {
            return Files.newInputStream(Path.of(settings.serviceAccountFile().trim()));
        }
        return null;
    }
}
