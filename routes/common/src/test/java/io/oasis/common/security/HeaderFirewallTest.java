package io.oasis.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderFirewallTest {

    // Spring Security's own rules, as its StrictHttpFirewall writes them.
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsSpringSecurityJudgesIt() {
        List<String> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            if (HeaderFirewall.isAllowedName(text) != NAME.matcher(text).matches()
                    || HeaderFirewall.isAllowedHeaderValue(text) != VALUE.matcher(text).matches()) {
                disagreements.add(Integer.toHexString(codePoint));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void headerSmugglingAndControlCharactersAreRefused() {
        assertThat(HeaderFirewall.isAllowedHeaderValue("Bearer abc\r\nX-Admin: true")).isFalse();
        assertThat(HeaderFirewall.isAllowedHeaderValue("abc\u0000")).isFalse();
        assertThat(HeaderFirewall.isAllowedHeaderValue("abc\u0085")).isFalse();
        assertThat(HeaderFirewall.isAllowedHeaderValue("\ud800")).isTrue();  // a lone surrogate is assigned (Cs), as in the stock rule
        assertThat(HeaderFirewall.isAllowedName("X-Name\t")).isFalse();
        assertThat(HeaderFirewall.isAllowedHeaderValue("a\tb")).isTrue();
        assertThat(HeaderFirewall.isAllowedHeaderValue("Zoë 😀")).isTrue();
        assertThat(HeaderFirewall.isAllowedHeaderValue("\u0378")).isFalse();  // unassigned
    }
}
