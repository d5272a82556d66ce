package io.oasis.order.connector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the order service finds its connectors ({@code oasis.connectors.*}).
 *
 * @param directory             a folder of {@code *.kamelet.yaml} files, loaded at start and watched for
 *                              changes; empty: the connectors packaged into the service
 * @param watchInterval         how often the folder is looked at
 * @param elementTemplatesFile  where to write the Modeler templates on every change; empty: nowhere
 */
@ConfigurationProperties("oasis.connectors")
public record ConnectorSettings(String directory, Duration watchInterval, String elementTemplatesFile) {

    public ConnectorSettings {
        watchInterval = watchInterval == null ? Duration.ofSeconds(1) : watchInterval;
    }
}
