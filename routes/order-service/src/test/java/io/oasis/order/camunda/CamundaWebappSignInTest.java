package io.oasis.order.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.order.OrderServiceTest;
import io.oasis.order.process.OrderProcess;
import io.oasis.testsupport.Keycloak;
import io.oasis.testsupport.KeycloakAccounts;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People sign in to Cockpit, Tasklist and Admin through Keycloak, as a browser does: the app's page
 * redirects to Keycloak's login form, the form is posted with the demo user's password, Keycloak sends
 * the browser back with a code, and the session cookie then opens the app and its API. Each role gets
 * its own app: designers Cockpit (read), order managers Tasklist (the review task), admins everything;
 * customers are refused everywhere.
 */
class CamundaWebappSignInTest extends OrderServiceTest {

    private static final String LARGE_ORDER = """
            {"currency":"EUR","items":[{"sku":"TV-1","name":"Television","quantity":1,"unitPrice":1499.00}]}""";
    private static final String ENGINE_API = "/camunda/api/engine/engine/default";

    @Autowired
    private ObjectMapper json;

    /** API tokens, one per user for the whole class: each password grant is a sign-in Keycloak counts. */
    private static final Map<DemoUser, String> TOKENS = new ConcurrentHashMap<>();

    @BeforeAll
    static void theCustomerHasAProfile() throws Exception {
        withProfile(token(DemoUser.CUSTOMER));
    }

    @BeforeEach
    void keycloakMayReturnToThisPort() {
        // The realm file registers the launcher's port only; this service listens on a random one.
        KeycloakAccounts.allowRedirectUri("camunda-webapps",
                "http://localhost:" + port + CamundaWebappSignIn.REDIRECT_PATH);
    }

    @Test
    void aDesignerSignsInToCockpitAndSeesTheDeployedDefinitionsDeploymentsAndInstances() throws Exception {
        String order = placedAndInReview();
        Browser designer = new Browser();

        HttpResponse<String> cockpit = designer.signIn(url("/camunda/app/cockpit/default/"), DemoUser.DESIGNER);

        assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(200);
        assertThat(cockpit.uri().getPath()).isEqualTo("/camunda/app/cockpit/default/");
        assertThat(cockpit.body()).contains("Cockpit");
        JsonNode user = json.readTree(designer.get(url("/camunda/api/admin/auth/user/default")).body());
        assertThat(user.path("userId").asText()).isEqualTo(subject(DemoUser.DESIGNER));
        assertThat(texts(user.path("authorizedApps"))).contains("cockpit").doesNotContain("tasklist", "admin");

        HttpResponse<String> definitions = designer.get(url(ENGINE_API + "/process-definition?latestVersion=true"));
        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(texts(json.readTree(definitions.body()), "key")).contains(OrderProcess.KEY);
        HttpResponse<String> deployments = designer.get(url(ENGINE_API + "/deployment"));
        assertThat(deployments.statusCode()).isEqualTo(200);
        assertThat(json.readTree(deployments.body()).size()).isPositive();
        HttpResponse<String> instances = designer.get(url(ENGINE_API + "/process-instance?businessKey=" + order));
        assertThat(texts(json.readTree(instances.body()), "businessKey")).containsExactly(order);
        HttpResponse<String> statistics = designer.get(url("/camunda/api/cockpit/plugin/base/default/process-definition/statistics"));
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
    }

    @Test
    void aDesignerMayNeitherOpenTasklistNorCompleteTheReviewNorChangeAnInstance() throws Exception {
        String order = placedAndInReview();
        Browser designer = new Browser();
        designer.signIn(url("/camunda/app/cockpit/default/"), DemoUser.DESIGNER);
        String review = reviewTaskId(order);

        HttpResponse<String> tasklist = designer.get(url("/camunda/app/tasklist/default/"));
        HttpResponse<String> completed = designer.send("POST", url(ENGINE_API + "/task/" + review + "/complete"),
                "{\"variables\":{\"approved\":{\"value\":true}}}");
        HttpResponse<String> suspended = designer.send("PUT", url(ENGINE_API + "/process-instance/suspended"),
                "{\"processDefinitionKey\":\"" + OrderProcess.KEY + "\",\"suspended\":true}");

        assertThat(tasklist.statusCode()).isEqualTo(403);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(403);
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(403);
        assertThat(status(order)).isEqualTo("IN_REVIEW");
        assertThat(reviewTaskId(order)).as("the review still waits").isEqualTo(review);
    }

    @Test
    void anOrderManagerSeesAndCompletesTheReviewInTasklistAndNothingElse() throws Exception {
        String order = placedAndInReview();
        Browser manager = new Browser();

        HttpResponse<String> tasklist = manager.signIn(url("/camunda/app/tasklist/default/"), DemoUser.MANAGER);

        assertThat(tasklist.statusCode()).as(tasklist.body()).isEqualTo(200);
        assertThat(tasklist.uri().getPath()).isEqualTo("/camunda/app/tasklist/default/");
        HttpResponse<String> filters = manager.get(url(ENGINE_API + "/filter?resourceType=Task"));
        assertThat(texts(json.readTree(filters.body()), "name")).contains("All tasks");
        HttpResponse<String> tasks = manager.get(url(ENGINE_API + "/task?processInstanceBusinessKey=" + order));
        JsonNode review = json.readTree(tasks.body());
        assertThat(texts(review, "taskDefinitionKey")).containsExactly(OrderProcess.TASK_REVIEW_ORDER);
        assertThat(manager.get(url("/camunda/app/cockpit/default/")).statusCode()).isEqualTo(403);
        assertThat(manager.get(url("/camunda/app/admin/default/")).statusCode()).isEqualTo(403);
        assertThat(json.readTree(manager.get(url(ENGINE_API + "/process-definition")).body()))
                .as("no definitions, no instances: only the tasks of their group").isEmpty();
        assertThat(json.readTree(manager.get(url(ENGINE_API + "/process-instance")).body())).isEmpty();

        HttpResponse<String> completed = manager.send("POST",
                url(ENGINE_API + "/task/" + review.path(0).path("id").asText() + "/complete"),
                "{\"variables\":{\"approved\":{\"value\":true},\"reviewedBy\":{\"value\":\"someone-else\"}}}");

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        JsonNode approved = awaitHistory(order, "APPROVED");
        assertThat(approved.path("actor").asText()).isEqualTo(subject(DemoUser.MANAGER));
    }

    @Test
    void aCustomerIsRefusedEverywhereInTheWebApps() throws Exception {
        Browser customer = new Browser();

        HttpResponse<String> welcome = customer.signIn(url("/camunda/app/welcome/default/"), DemoUser.CUSTOMER);

        assertThat(welcome.statusCode()).as("signed in, then refused").isEqualTo(403);
        assertThat(welcome.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        for (String path : List.of("/camunda/app/cockpit/default/", "/camunda/app/tasklist/default/",
                "/camunda/app/admin/default/", "/camunda/api/admin/auth/user/default", ENGINE_API + "/process-definition",
                ENGINE_API + "/task", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics")) {
            assertThat(customer.get(url(path)).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void theAdminAppIsForAdminsOnly() throws Exception {
        Browser admin = new Browser();
        HttpResponse<String> adminApp = admin.signIn(url("/camunda/app/admin/default/"), DemoUser.ADMIN);
        Browser designer = new Browser();
        designer.signIn(url("/camunda/app/cockpit/default/"), DemoUser.DESIGNER);

        assertThat(adminApp.statusCode()).as(adminApp.body()).isEqualTo(200);
        assertThat(texts(json.readTree(admin.get(url("/camunda/api/admin/auth/user/default")).body())
                .path("authorizedApps"))).contains("admin", "cockpit", "tasklist");
        assertThat(admin.get(url(ENGINE_API + "/authorization?groupId=" + EngineRestAccess.PROCESS_DESIGNER))
                .statusCode()).isEqualTo(200);
        assertThat(designer.get(url("/camunda/app/admin/default/")).statusCode()).isEqualTo(403);
        assertThat(designer.get(url("/camunda/api/admin/plugin/adminPlugins/default/users")).statusCode()).isEqualTo(403);
    }

    @Test
    void peopleLiveInKeycloakOnly() throws Exception {
        Browser admin = new Browser();
        admin.signIn(url("/camunda/app/admin/default/"), DemoUser.ADMIN);

        HttpResponse<String> created = admin.send("POST", url(ENGINE_API + "/user/create"),
                "{\"profile\":{\"id\":\"second-admin\"},\"credentials\":{\"password\":\"a-password-1\"}}");
        JsonNode users = json.readTree(admin.get(url(ENGINE_API + "/user")).body());

        assertThat(created.statusCode()).as("the identity service is read-only: " + created.body()).isEqualTo(403);
        assertThat(texts(users, "id")).as("the signed-in person, from their token").containsExactly(subject(DemoUser.ADMIN));
        assertThat(texts(users, "firstName")).doesNotContainNull();
    }

    @Test
    void withoutSigningInTheAppsSendTheBrowserToKeycloakAndTheirApiAnswers401() throws Exception {
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> page = plain.send(HttpRequest.newBuilder(URI.create(url("/camunda/app/cockpit/default/")))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = plain.send(HttpRequest.newBuilder(URI.create(url(ENGINE_API + "/process-definition")))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> camundaLogin = plain.send(HttpRequest.newBuilder(
                        URI.create(url("/camunda/api/admin/auth/user/default/login/cockpit")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=dev-only-admin")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith(CamundaWebappSignIn.AUTHORIZATION_PATH + "/keycloak"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(camundaLogin.statusCode()).as("no Camunda login form").isEqualTo(401);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String placedAndInReview() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/orders", token(DemoUser.CUSTOMER), LARGE_ORDER);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "IN_REVIEW".equals(status(id)) && reviewTaskId(id) != null);
        return id;
    }

    private String reviewTaskId(String order) throws Exception {
        JsonNode tasks = json.readTree(send("GET", "/engine-rest/task?processInstanceBusinessKey=" + order
                + "&taskDefinitionKey=" + OrderProcess.TASK_REVIEW_ORDER, token(DemoUser.ADMIN), null).body());
        return tasks.isEmpty() ? null : tasks.path(0).path("id").asText();
    }

    private String status(String order) throws Exception {
        return json.readTree(send("GET", "/api/v1/orders/" + order, token(DemoUser.ADMIN), null).body())
                .path("status").asText();
    }

    private JsonNode awaitHistory(String order, String to) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode change : json.readTree(send("GET", "/api/v1/orders/" + order, token(DemoUser.ADMIN), null)
                    .body()).path("history")) {
                if (to.equals(change.path("to").asText())) {
                    found.add(change);
                    return true;
                }
            }
            return false;
        });
        return found.get(0);
    }

    private String subject(DemoUser user) throws Exception {
        String payload = token(user).split("\\.")[1];
        return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub").asText();
    }

    private static String token(DemoUser user) {
        return TOKENS.computeIfAbsent(user, Keycloak::accessToken);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.path(field).isNull() ? null : item.path(field).asText()));
        return texts;
    }

    /**
     * A browser as far as sign-in needs one: follows redirects, keeps cookies (Keycloak's and the
     * service's session), posts Keycloak's login form, and sends the web apps' CSRF token back with
     * every change, as their pages do.
     */
    private static final class Browser {

        private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
        private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).cookieHandler(new LoopbackIsSecure(cookies))
                .connectTimeout(Duration.ofSeconds(5)).build();

        /** Opens a page, signs in on the Keycloak form it leads to, and answers where that ends. */
        HttpResponse<String> signIn(String page, DemoUser user) throws IOException, InterruptedException {
            HttpResponse<String> form = get(page);
            assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
            assertThat(form.uri().getPath()).as("Keycloak's login page").endsWith("/protocol/openid-connect/auth");
            Matcher formTag = LOGIN_FORM.matcher(form.body());
            assertThat(formTag.find()).as(form.body()).isTrue();
            Matcher action = ACTION.matcher(formTag.group());
            assertThat(action.find()).isTrue();
            String fields = Map.of("username", user.username(), "password", user.password(), "credentialId", "")
                    .entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(fields)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /**
         * Browsers count http://localhost as a secure context and send it cookies marked Secure, as
         * Keycloak marks its sign-in cookies; Java's cookie manager sends those over https only.
         */
        private static final class LoopbackIsSecure extends CookieHandler {

            private final CookieManager cookies;

            LoopbackIsSecure(CookieManager cookies) {
                this.cookies = cookies;
            }

            @Override
            public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
                try {
                    URI secure = "localhost".equals(uri.getHost()) ? new URI("https", uri.getUserInfo(), uri.getHost(),
                            uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment()) : uri;
                    return cookies.get(secure, headers);
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            }

            @Override
            public void put(URI uri, Map<String, List<String>> headers) throws IOException {
                cookies.put(uri, headers);
            }
        }

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst()
                    .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
