package io.oasis.notification.sms;

import com.twilio.http.TwilioRestClient;
import org.apache.camel.component.twilio.TwilioComponent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(SmsSettings.class)
class SmsConfiguration {

    /**
     * The {@code twilio:} component, with the SDK's REST client built here so that it talks to the configured
     * base URL and leaves retries to the dispatcher (see {@link TwilioHttpClient}). Without credentials it has
     * no client, and the SMS route does not use it (see {@link SmsRoutes}).
     */
    @Bean("twilio")
    TwilioComponent twilio(SmsSettings settings) {
        TwilioComponent twilio = new TwilioComponent();
        if (settings.configured()) {
            twilio.setRestClient(new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                    .httpClient(new TwilioHttpClient(settings.baseUrl(), settings.timeout()))
                    .build());
        }
        return twilio;
    }
}
