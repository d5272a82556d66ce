package io.oasis.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class HeaderBearerTokenResolverTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln-_~+/";

    @Test
    void everyRequestGetsTheAnswerOfSpringSecuritysResolver() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT,
                "Bearer " + JWT + "==", "Bearer =", "Bearer ", "Bearer", "Bearer  " + JWT, "Bearer " + JWT + " ",
                "Bearer " + JWT + "\n", "Bearer a=b", "Bearer a,b", "Basic dXNlcjpwYXNz", "Bearerx " + JWT,
                "Be\u017Farer " + JWT, "Bearer \u212Aey", "Bearer ey\u00E9", "Bearer\t" + JWT, ""));
        for (char c = 0; c < 256; c++) {
            headers.add("Bearer a" + c + "b");
        }
        List<String> disagreements = new ArrayList<>();
        for (String header : headers) {
            for (String query : new String[] {null, "page=1", "access_token=" + JWT, "%61ccess_token=x", "q=access_token"}) {
                for (String method : new String[] {"GET", "POST"}) {
                    for (String type : new String[] {null, "application/json", "application/x-www-form-urlencoded"}) {
                        Supplier<MockHttpServletRequest> request = () -> request(method, header, query, type);
                        String ours = outcome(new HeaderBearerTokenResolver(), request.get());
                        String stock = outcome(new DefaultBearerTokenResolver(), request.get());
                        if (!ours.equals(stock)) {
                            disagreements.add(method + " " + query + " " + type + " [" + header + "]: " + ours + " vs " + stock);
                        }
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void aWellFormedHeaderIsReadWithoutTheStockResolver() {
        assertThat(HeaderBearerTokenResolver.wellFormedToken("Bearer " + JWT)).isEqualTo(JWT);
        assertThat(HeaderBearerTokenResolver.wellFormedToken("bEaReR abc==")).isEqualTo("abc==");
        assertThat(HeaderBearerTokenResolver.wellFormedToken("Bearer a=b")).isNull();
        assertThat(HeaderBearerTokenResolver.wellFormedToken("Bearer ab\r\nX: y")).isNull();
    }

    private static MockHttpServletRequest request(String method, String authorization, String query, String type) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/customers/me");
        request.addHeader("Authorization", authorization);
        if (query != null) {
            request.setQueryString(query);
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.addParameter(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        if (type != null) {
            request.setContentType(type);
        }
        return request;
    }

    private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            return "token " + resolver.resolve(request);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
