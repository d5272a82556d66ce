package io.oasis.customer.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a new email address is confirmed ({@code oasis.customer.email-confirmation.*}).
 *
 * @param codeValidity how long the code sent to the address works
 * @param maxAttempts  wrong codes allowed before the change is cancelled (and must be asked for again)
 */
@ConfigurationProperties("oasis.customer.email-confirmation")
public record EmailConfirmationProperties(
        @DefaultValue("15m") Duration codeValidity,
        @DefaultValue("5") int maxAttempts) {
}
