package io.oasis.customer.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CustomerPersonalDataTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRegistrationLosesTheContactFieldsAndTheSubjectButKeepsIdsAndPreferences() throws Exception {
        JsonNode registered = json.readTree("""
                {"customer":{"id":"c1","email":"a@example.com","givenName":"Ana","familyName":"Lima",
                 "phone":"+4915112345678","country":"BR","status":"ACTIVE"},
                 "preferences":{"customerId":"c1","locale":"pt-BR","marketingConsent":true},"subject":"s-1"}""");

        JsonNode redacted = CustomerPersonalData.redact(registered);

        assertThat(redacted.toString()).doesNotContain("a@example.com", "Ana", "Lima", "+4915112345678", "s-1");
        assertThat(redacted.path("customer").path("id").asText()).isEqualTo("c1");
        assertThat(redacted.path("customer").path("country").asText()).isEqualTo("BR");
        assertThat(redacted.path("preferences").path("locale").asText()).isEqualTo("pt-BR");
        assertThat(registered.path("customer").path("email").asText()).as("the original is untouched")
                .isEqualTo("a@example.com");
    }

    @Test
    void anErasureEventKeepsTheIdentifiersTheOtherServicesNeed() throws Exception {
        JsonNode erasure = json.readTree("{\"customerId\":\"c1\",\"status\":\"ERASED\",\"subject\":\"s-1\"}");

        assertThat(CustomerPersonalData.redact(erasure)).isEqualTo(erasure);
    }
}
