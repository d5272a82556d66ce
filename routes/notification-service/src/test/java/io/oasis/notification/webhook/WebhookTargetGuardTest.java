package io.oasis.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard, with a resolver that answers from a table: no test here looks anything up or opens a
 * connection.
 */
class WebhookTargetGuardTest {

    private final List<String> lookups = new ArrayList<>();
    private final Map<String, List<InetAddress>> dns = Map.of(
            "public.example", List.of(ip("93.184.216.34")),
            "public6.example", List.of(ip("2606:2800:220:1:248:1893:25c8:1946")),
            "loopback.example", List.of(ip("127.0.0.1")),
            "metadata.example", List.of(ip("169.254.169.254")),
            "mixed.example", List.of(ip("93.184.216.34"), ip("10.0.0.1")),
            "nat64.example", List.of(ip("64:ff9b:1::5db8:d822")),
            "localhost", List.of(ip("127.0.0.1"), ip("::1")));
    private final WebhookTargetGuard.Resolver resolver = host -> {
        lookups.add(host);
        List<InetAddress> answer = dns.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return answer;
    };
    private final WebhookTargetGuard guard = new WebhookTargetGuard(resolver, List.of());

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.8.9.10", "[::1]", "::1", "::ffff:127.0.0.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
        "[::7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]",
        "[64:ff9b:1::7f00:1]", "[64:ff9b:1::5db8:d822]", "[64:ff9b:1:5db8:d822::]", "[64:ff9b:1:ffff:ffff:ffff:ffff:ffff]",
        "169.254.169.254", "[fd00:ec2::254]", "169.254.1.1", "[fe80::1]",
        "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "[fc00::1]", "[fd12:3456::1]", "100.64.0.1",
        "0.0.0.0", "[::]", "224.0.0.1", "[ff02::1]", "255.255.255.255", "240.0.0.1", "192.0.2.1",
        "2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "127.1", "127.0.1", "017700000001",
        "127.0.0.1.", "0127.0.0.1", "[127.0.0.1]", "[::1%1]", "[1::2::3]", "::ffff:10.0.0.1"})
    void addressesOffThePublicInternetAreRejectedWithoutALookup(String host) {
        assertThatThrownBy(() -> guard.resolve(host)).isInstanceOf(ForbiddenTargetException.class);
        assertThat(lookups).as("an IP address, in whatever form, is never looked up").isEmpty();
    }

    @Test
    void theReasonNamesWhatTheAddressIs() {
        assertThatThrownBy(() -> guard.resolve("169.254.169.254")).hasMessage("169.254.169.254 is the cloud metadata address");
        assertThatThrownBy(() -> guard.resolve("[::ffff:127.0.0.1]")).hasMessage("::ffff:127.0.0.1 is a loopback address");
        assertThatThrownBy(() -> guard.resolve("[::7f00:1]")).hasMessageContaining("IPv6 form of 127.0.0.1");
        assertThatThrownBy(() -> guard.resolve("2130706433")).hasMessageContaining("non-standard form");
        assertThatThrownBy(() -> guard.resolve("[64:ff9b:1::5db8:d822]"))
                .hasMessage("64:ff9b:1::5db8:d822 is a local-use NAT64 address");
    }

    @Test
    void aNameThatResolvesIntoTheLocalUseNat64RangeIsRejected() {
        // RFC 8215: translators of the local network, whatever IPv4 address the rest names.
        assertThatThrownBy(() -> guard.resolve("nat64.example"))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessage("nat64.example resolves to 64:ff9b:1:0:0:0:5db8:d822, a local-use NAT64 address");
    }

    @Test
    void theWellKnownNat64PrefixReachesThePublicAddressItCarries() throws Exception {
        assertThat(guard.resolve("[64:ff9b::5db8:d822]")).containsExactly(ip("64:ff9b::5db8:d822"));
    }

    @Test
    void aNameThatResolvesToLoopbackIsRejected() {
        assertThatThrownBy(() -> guard.resolve("loopback.example"))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessage("loopback.example resolves to 127.0.0.1, a loopback address");
        assertThatThrownBy(() -> guard.resolve("LOOPBACK.example.")).isInstanceOf(ForbiddenTargetException.class);
        assertThatThrownBy(() -> guard.resolve("metadata.example")).isInstanceOf(ForbiddenTargetException.class);
        assertThatThrownBy(() -> guard.resolve("localhost")).isInstanceOf(ForbiddenTargetException.class);
    }

    @Test
    void everyAddressANameResolvesToIsChecked() {
        assertThatThrownBy(() -> guard.resolve("mixed.example"))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessage("mixed.example resolves to 10.0.0.1, a private address");
    }

    @Test
    void aPublicAddressIsAcceptedAndIsWhatTheSenderConnectsTo() throws Exception {
        assertThat(guard.resolve("public.example")).containsExactly(ip("93.184.216.34"));
        assertThat(guard.resolve("public6.example")).containsExactly(ip("2606:2800:220:1:248:1893:25c8:1946"));
        assertThat(guard.resolve("93.184.216.34")).containsExactly(ip("93.184.216.34"));
        assertThat(lookups).as("one lookup per name").containsExactly("public.example", "public6.example");
    }

    @Test
    void aNameThatDoesNotResolveIsUnknownNotForbidden() {
        assertThatThrownBy(() -> guard.resolve("nowhere.example"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(ForbiddenTargetException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://public.example/hooks", "ftp://public.example/hooks", "/hooks", "public.example/hooks",
        "https://user:secret@public.example/hooks", "https://public.example/hooks#fragment",
        "https://127.1/hooks", "https://0x7f.0.0.1/hooks", "https://2130706433/hooks", "https://[::1]/hooks",
        "https://10.0.0.1/hooks", "https://169.254.169.254/latest/meta-data/", "https:///hooks", "not a url",
        "mailto:ops@public.example"})
    void urlsThatAreNotAbsolutePublicHttpsAreRejected(String url) {
        assertThatThrownBy(() -> guard.checkTarget(url)).isInstanceOf(ForbiddenTargetException.class);
    }

    @Test
    void aPublicHttpsUrlPassesAndItsNameIsOnlyLookedUpWhenRegistering() throws Exception {
        assertThat(guard.checkUrl("https://public.example:8443/hooks?x=1").getHost()).isEqualTo("public.example");
        assertThat(lookups).isEmpty();

        assertThat(guard.checkTarget("https://public.example/hooks").getPath()).isEqualTo("/hooks");
        assertThat(lookups).containsExactly("public.example");
        assertThatThrownBy(() -> guard.checkTarget("https://loopback.example/hooks"))
                .isInstanceOf(ForbiddenTargetException.class);
    }

    @Test
    void theAllowListLetsChosenTargetsThroughAlsoOverHttp() throws Exception {
        WebhookTargetGuard allowing = new WebhookTargetGuard(resolver,
                List.of("127.0.0.1", " ::1 ", "localhost", "10.1.0.0/16", ""));

        assertThat(allowing.checkTarget("http://127.0.0.1:8080/hooks").getPort()).isEqualTo(8080);
        assertThat(allowing.checkTarget("http://[::1]:8080/hooks").getPort()).isEqualTo(8080);
        assertThat(allowing.checkTarget("http://localhost:8080/hooks").getPort()).isEqualTo(8080);
        assertThat(allowing.resolve("10.1.200.3")).containsExactly(ip("10.1.200.3"));

        assertThatThrownBy(() -> allowing.resolve("10.2.0.1")).isInstanceOf(ForbiddenTargetException.class);
        assertThatThrownBy(() -> allowing.resolve("127.0.0.2")).isInstanceOf(ForbiddenTargetException.class);
        assertThatThrownBy(() -> allowing.resolve("127.1")).isInstanceOf(ForbiddenTargetException.class);
        assertThatThrownBy(() -> allowing.checkTarget("http://public.example/hooks"))
                .hasMessageContaining("must use https");
    }

    @Test
    void aBadAllowListEntryStopsTheService() {
        assertThatThrownBy(() -> new WebhookTargetGuard(resolver, List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookTargetGuard(resolver, List.of("0x7f.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress ip(String literal) {
        try {
            // Literals only: InetAddress parses them without a lookup.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
