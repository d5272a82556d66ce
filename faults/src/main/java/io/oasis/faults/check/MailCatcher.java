package io.oasis.faults.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The mails GreenMail received, through its REST API: {@code GET /api/user/{address}/messages/INBOX} lists a
 * mailbox's messages with their {@code Message-ID}. A mailbox that never got a mail does not exist yet (400).
 */
public final class MailCatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MailCatcher(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** The Message-ID of every mail in each of the mailboxes, one entry per mail. */
    public List<String> messageIds(List<String> addresses) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (String address : addresses) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/user/"
                    + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400) {
                continue; // no mailbox: no mail reached this address
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The mail catcher answered " + response.statusCode() + " for "
                        + address);
            }
            for (JsonNode message : JSON.readTree(response.body())) {
                ids.add(message.path("Message-ID").asText(message.path("messageId").asText()));
            }
        }
        return ids;
    }
}
