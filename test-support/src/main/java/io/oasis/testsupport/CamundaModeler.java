package io.oasis.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Deploys a diagram exactly as Camunda Modeler's deploy button does: a multipart POST to
 * {@code <engine-rest>/deployment/create} with the fields Modeler sends (deployment-name, deployment-source
 * "Camunda Modeler", deploy-changed-only, no tenant-id) and the file, with a bearer token.
 */
public final class CamundaModeler {

    public static final String SOURCE = "Camunda Modeler";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CamundaModeler() {
    }

    /** @param engineRest e.g. {@code http://localhost:8082/engine-rest} */
    public static HttpResponse<String> deploy(String engineRest, String token, String fileName, String content)
            throws IOException, InterruptedException {
        String boundary = "----ModelerBoundary" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("deployment-name", fileName.replaceAll("\\.(bpmn|dmn)$", ""));
        fields.put("deployment-source", SOURCE);
        fields.put("deploy-changed-only", "true");
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileName)
                .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(content).append("\r\n--").append(boundary).append("--\r\n");
        return HTTP.send(HttpRequest.newBuilder(URI.create(engineRest + "/deployment/create"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
