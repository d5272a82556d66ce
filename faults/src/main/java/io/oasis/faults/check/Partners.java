package io.oasis.faults.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.faults.check.Observations.Sms;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The partners' stand-in (WireMock) as the checker reads it and the provider scenarios steer it: its request
 * journal ({@code /__admin/requests}) holds every SMS the services asked the SMS provider to send and every webhook
 * the receiver got; stubs added through {@code /__admin/mappings} make a provider fail for a while.
 */
public final class Partners {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Partners(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Every SMS sent through the provider's Messages resource ({@code To} and {@code Body} of its form). */
    public List<Sms> smsRequests() throws IOException, InterruptedException {
        List<Sms> sms = new ArrayList<>();
        for (JsonNode request : journal()) {
            if ("POST".equals(request.path("method").asText()) && request.path("url").asText().endsWith("/Messages.json")) {
                Map<String, String> form = form(request.path("body").asText());
                sms.add(new Sms(form.get("To"), form.get("Body")));
            }
        }
        return sms;
    }

    /** The {@code webhook-id} of every request the webhook receiver got under {@code pathPrefix}. */
    public List<String> webhookIds(String pathPrefix) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode request : journal()) {
            if (request.path("url").asText().startsWith(pathPrefix)) {
                String id = header(request, "webhook-id");
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** The {@code Idempotency-Key} of every warehouse reservation and carrier booking, one entry per request. */
    public List<String> partnerCallKeys() throws IOException, InterruptedException {
        List<String> keys = new ArrayList<>();
        for (JsonNode request : journal()) {
            String url = request.path("url").asText();
            if ("POST".equals(request.path("method").asText())
                    && (url.endsWith("/warehouse/reservations") || url.endsWith("/carrier/shipments"))) {
                String key = header(request, "Idempotency-Key");
                keys.add(key != null ? key : url + " without a key");
            }
        }
        return keys;
    }

    /** Adds a stub; returns its id, to remove it when the fault heals. */
    public String stub(String mappingJson) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/mappings"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mappingJson)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("The partners' stand-in refused a stub: " + created.statusCode() + " "
                    + created.body());
        }
        return JSON.readTree(created.body()).path("id").asText();
    }

    public void removeStub(String id) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/mappings/" + id))
                .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private List<JsonNode> journal() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/requests"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The partners' journal answered " + response.statusCode());
        }
        List<JsonNode> requests = new ArrayList<>();
        for (JsonNode served : JSON.readTree(response.body()).path("requests")) {
            requests.add(served.path("request"));
        }
        return requests;
    }

    private static String header(JsonNode request, String name) {
        Iterator<Map.Entry<String, JsonNode>> headers = request.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                JsonNode value = header.getValue();
                return value.isArray() ? value.path(0).asText() : value.asText();
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
