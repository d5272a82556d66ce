package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

class RotatingDnsResolverTest {

    @Test
    void eachNewConnectionStartsAtTheNextInstanceAndCanFallBackToTheOthers() throws Exception {
        InetAddress one = InetAddress.getByAddress("order-service", new byte[] {10, 89, 0, 11});
        InetAddress two = InetAddress.getByAddress("order-service", new byte[] {10, 89, 0, 12});
        InetAddress three = InetAddress.getByAddress("order-service", new byte[] {10, 89, 0, 13});
        RotatingDnsResolver resolver = new RotatingDnsResolver(fixed(one, two, three));

        List<InetAddress> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            InetAddress[] answer = resolver.resolve("order-service");
            assertThat(answer).containsExactlyInAnyOrder(one, two, three);
            firsts.add(answer[0]);
        }

        assertThat(firsts).containsExactly(one, two, three, one, two, three);
    }

    @Test
    void aNameWithOneAddressIsAnsweredAsItIs() throws Exception {
        InetAddress only = InetAddress.getByAddress("customer-service", new byte[] {10, 89, 0, 21});

        assertThat(new RotatingDnsResolver(fixed(only)).resolve("customer-service")).containsExactly(only);
    }

    private static DnsResolver fixed(InetAddress... addresses) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return addresses.clone();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }
}
