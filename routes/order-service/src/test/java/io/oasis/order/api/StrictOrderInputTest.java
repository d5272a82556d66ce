package io.oasis.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.testsupport.Keycloak;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An order is placed from exactly what the caller sent: a quantity is a whole JSON number, nothing follows
 * the document, names are one line, and the body is UTF-8. Anything else is a 400 naming the field, and
 * no order exists afterwards.
 */
class StrictOrderInputTest extends OrderServiceTest {

    private static String customer;

    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcTemplate jdbc;

    @BeforeAll
    static void profile() throws Exception {
        customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        withProfile(customer);
    }

    @Test
    void aFractionalQuantityIsRefused() throws Exception {
        String sku = sku();

        assertRefused(order(sku, "\"name\":\"Mug\",\"quantity\":1.5,\"unitPrice\":12.50"), "items[0].quantity");
        assertThat(itemsWith(sku)).isZero();
    }

    @Test
    void aNumberInQuotesIsRefused() throws Exception {
        String sku = sku();

        assertRefused(order(sku, "\"name\":\"Mug\",\"quantity\":\"1\",\"unitPrice\":12.50"), "items[0].quantity");
        assertRefused(order(sku, "\"name\":\"Mug\",\"quantity\":1,\"unitPrice\":\"12.50\""), "items[0].unitPrice");
        assertThat(itemsWith(sku)).isZero();
    }

    @Test
    void anythingAfterTheOrderIsRefused() throws Exception {
        String sku = sku();
        String order = order(sku, "\"name\":\"Mug\",\"quantity\":1,\"unitPrice\":12.50");

        assertRefused(order + "garbage", "$");
        assertRefused(order + order, "$");
        assertThat(itemsWith(sku)).isZero();
        // The same order without the rest is taken.
        assertThat(post(order.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        assertThat(itemsWith(sku)).isOne();
    }

    @Test
    void lineBreaksAndNulInANameAreRefused() throws Exception {
        String sku = sku();

        for (String escape : List.of("\\r", "\\n", "\\r\\n", "\\u0000")) {
            assertRefused(order(sku, "\"name\":\"Mug" + escape + "Evil: 1\",\"quantity\":1,\"unitPrice\":12.50"),
                    "items[0].name");
        }
        assertRefused(order(sku + "\\u0000", "\"name\":\"Mug\",\"quantity\":1,\"unitPrice\":12.50"), "items[0].sku");
        assertThat(itemsWith(sku)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_item WHERE sku LIKE ?", Long.class, sku + "%"))
                .isZero();
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() throws Exception {
        String sku = sku();
        List<int[]> invalid = List.of(new int[] {0xff}, new int[] {0xc0, 0x80}, new int[] {0xed, 0xa0, 0x80},
                new int[] {0xe2, 0x82});

        for (int[] bytes : invalid) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("{\"currency\":\"EUR\",\"items\":[{\"sku\":\"" + sku + "\",\"name\":\"Mug")
                    .getBytes(StandardCharsets.UTF_8));
            for (int b : bytes) {
                body.write(b);
            }
            body.writeBytes("\",\"quantity\":1,\"unitPrice\":12.50}]}".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = post(body.toByteArray());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(fields(response)).containsExactly("$");
        }
        assertThat(itemsWith(sku)).isZero();
    }

    @Test
    void anonymousInfoNamesNoVersions() throws Exception {
        HttpResponse<String> info = send("GET", "/actuator/info", null, null);

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).doesNotContainIgnoringCase("camel").doesNotContain("version");
    }

    private String order(String sku, String item) {
        return "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"" + sku + "\"," + item + "}]}";
    }

    private void assertRefused(String body, String field) throws Exception {
        HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(fields(response)).containsExactly(field);
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return send(request("/api/v1/orders", customer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private List<String> fields(HttpResponse<String> response) throws Exception {
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:validation");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private long itemsWith(String sku) {
        return jdbc.queryForObject("SELECT count(*) FROM order_item WHERE sku = ?", Long.class, sku);
    }

    private static String sku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
