package io.oasis.keycloak;

/**
 * The tokens Keycloak's token endpoint returned. {@code idToken} and {@code refreshToken} are null
 * when the grant does not issue them (client credentials has neither).
 */
public record TokenResponse(String accessToken, String idToken, String refreshToken, long expiresIn) {
}
