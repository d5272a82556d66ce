package io.oasis.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceViewTest {

    @Test
    void showsOnlyTheLastSixCharactersOfAToken() {
        assertThat(DeviceView.mask("fMi2abcdefghijk:APA91bXYZ123")).isEqualTo("...XYZ123");
        assertThat(DeviceView.mask("1234567")).isEqualTo("...234567");
    }

    @Test
    void showsNothingOfATokenTooShortToMask() {
        assertThat(DeviceView.mask("123456")).isEqualTo("...");
        assertThat(DeviceView.mask("")).isEqualTo("...");
    }
}
