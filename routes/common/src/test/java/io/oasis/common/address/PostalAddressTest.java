package io.oasis.common.address;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PostalAddressTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static PostalAddress in(String country) {
        return new PostalAddress("Cora Customer", "Hauptstr. 1", null, "10115", "Berlin", null, country);
    }

    private static Set<String> badFields(PostalAddress address) {
        return VALIDATOR.validate(address).stream().map(ConstraintViolation::getPropertyPath).map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Test
    void aCountryBecomesItsAlpha2CodeFromACodeOrItsEnglishName() {
        assertThat(in("de").country()).isEqualTo("DE");
        assertThat(in(" DEU ").country()).isEqualTo("DE");
        assertThat(in("germany").country()).isEqualTo("DE");
        assertThat(in("United States").country()).isEqualTo("US");
        assertThat(in("usa").country()).isEqualTo("US");
        assertThat(badFields(in("Germany"))).isEmpty();
    }

    @Test
    void whatIsNoCountryIsRefusedByName() {
        assertThat(in("Atlantis").country()).isEqualTo("Atlantis");
        assertThat(badFields(in("Atlantis"))).containsExactly("country");
        assertThat(badFields(in("XX"))).containsExactly("country");
        assertThat(badFields(in(null))).containsExactly("country");
    }

    @Test
    void textIsTrimmedAndBlankOptionalLinesAreLeftOut() {
        PostalAddress address = new PostalAddress("  Cora ", " Hauptstr. 1 ", "  ", " ", "Berlin ", "", "DE");

        assertThat(address).isEqualTo(new PostalAddress("Cora", "Hauptstr. 1", null, null, "Berlin", null, "DE"));
        assertThat(badFields(address)).isEmpty();
    }

    @Test
    void requiredLinesAndAWellFormedPostalCode() {
        PostalAddress address = new PostalAddress(" ", null, null, "10115!", "", null, "DE");

        assertThat(badFields(address)).containsExactlyInAnyOrder("name", "line1", "postalCode", "city");
    }
}
