package io.oasis.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.oasis.common.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Request bodies are read strictly, the same way in every service: JSON types as declared, nothing after
 * the document, no control characters in single-line text, UTF-8 only. Each refusal is a 400 naming the
 * field, and stores nothing.
 */
class StrictInputTest extends IntegrationTest {

    @Test
    void aFractionIsNoWholeNumber() throws Exception {
        String name = unique();

        assertRefused(post("{\"name\":\"" + name + "\",\"quantity\":1.5}"), "quantity", "must be a whole number");
        assertRefused(post("{\"name\":\"" + name + "\",\"quantity\":1.0}"), "quantity", "must be a whole number");
        assertThat(stored(name)).isZero();
    }

    @Test
    void aStringIsNoNumberAndANumberIsNoString() throws Exception {
        String name = unique();

        assertRefused(post("{\"name\":\"" + name + "\",\"quantity\":\"1\"}"), "quantity", "must be a valid number");
        assertRefused(post("{\"name\":1234,\"quantity\":1}"), "name", "must be a String");
        assertRefused(post("{\"name\":true,\"quantity\":1}"), "name", "must be a String");
        assertRefused(post("{\"name\":\"" + name + "\",\"quantity\":true}"), "quantity", "must be a valid number");
        assertThat(stored(name)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {" x", " {}", "{}", " [1]", " \"more\"", ",", "}"})
    void nothingMayFollowTheDocument(String trailing) throws Exception {
        String name = unique();

        assertRefused(post("{\"name\":\"" + name + "\",\"quantity\":1}" + trailing), "$", "malformed JSON");
        assertThat(stored(name)).isZero();
    }

    @Test
    void aFieldTwiceIsRefused() throws Exception {
        String name = unique();

        assertRefused(post("{\"name\":\"" + name + "\",\"quantity\":1,\"quantity\":9}"), "$", "malformed JSON");
        assertThat(stored(name)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\r", "\\n", "\\u0000", "\\t", "\\u001b", "\\u007f", "\\u0085", "\\u2028"})
    void controlCharactersAndLineBreaksAreRefusedInASingleLineField(String escape) throws Exception {
        String name = unique();

        HttpResponse<String> response = post("{\"name\":\"" + name + escape + "x\",\"quantity\":1}");

        assertRefused(response, "name", null);
        assertThat(message(response)).startsWith("must be a single line without control characters");
        assertThat(stored(name)).isZero();
        assertThat(stored(name + "x")).isZero();
    }

    @Test
    void aMultiLineFieldKeepsLineBreaksAndTabsButNoOtherControlCharacters() throws Exception {
        String name = unique();

        assertThat(post("{\"name\":\"" + name + "\",\"quantity\":1,\"note\":\"first\\n\\tsecond\"}").statusCode())
                .isEqualTo(201);
        for (String escape : List.of("\\u0000", "\\r", "\\u001b", "\\u0085")) {
            String other = unique();
            HttpResponse<String> response = post("{\"name\":\"" + other + "\",\"quantity\":1,\"note\":\"a" + escape
                    + "b\"}");
            assertRefused(response, "note", null);
            assertThat(message(response)).startsWith("must not contain control characters other than");
            assertThat(stored(other)).isZero();
        }
    }

    @Test
    void aLoneSurrogateIsNoText() throws Exception {
        String name = unique();

        assertRefused(post("{\"name\":\"" + name + "\\ud800\",\"quantity\":1}"), "name", "must be valid Unicode text");
        assertThat(stored(name)).isZero();
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        String name = unique();
        List<int[]> invalid = List.of(
                new int[] {0xff},                    // never in UTF-8
                new int[] {0xc0, 0x80},              // an over-long NUL
                new int[] {0xe0, 0x80, 0x8a},        // an over-long line feed
                new int[] {0xed, 0xa0, 0x80},        // an encoded surrogate
                new int[] {0xc3},                    // a sequence cut short
                new int[] {0xf4, 0x90, 0x80, 0x80}); // past U+10FFFF

        for (int[] bytes : invalid) {
            HttpResponse<String> response = post(bytes("{\"name\":\"" + name, bytes, "\",\"quantity\":1}"));
            assertRefused(response, "$", "not valid UTF-8");
        }
        assertThat(stored(name)).isZero();
        // Valid UTF-8 beyond ASCII is text like any other.
        assertThat(post("{\"name\":\"" + name + " \u00e9\u20ac\ud83d\ude00\",\"quantity\":1}").statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data"})
    void aGetWithAFormContentTypeIsAProblemNotAFailure(String contentType) throws Exception {
        String id = (String) fields(post("{\"name\":\"" + unique() + "\",\"quantity\":1}")).get("id");

        List<ILoggingEvent> logged = logged(() -> {
            HttpResponse<String> response = send(request("/api/v1/samples/" + id).header("Content-Type", contentType)
                    .GET());
            assertProblem(response, 415);
        });

        assertThat(logged).as("no stack trace in the log").noneMatch(StrictInputTest::isFailure);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"})
    void aMalformedFormWhereJsonIsExpectedIsUnsupportedNotAFailure(String contentType) throws Exception {
        List<ILoggingEvent> logged = logged(() -> {
            HttpResponse<String> response = send(request("/api/v1/samples").header("Content-Type", contentType)
                    .POST(BodyPublishers.ofString("--y\r\nnot a part%zz=%")));
            assertProblem(response, 415);
        });

        assertThat(logged).as("no stack trace in the log").noneMatch(StrictInputTest::isFailure);
    }

    @Test
    void aCompressedBodyIsNotInflated() throws Exception {
        String name = unique();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(("{\"name\":\"" + name + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> response = send(request("/api/v1/samples").header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(BodyPublishers.ofByteArray(compressed.toByteArray())));

        assertProblem(response, 415);
        assertThat(stored(name)).isZero();
    }

    private static boolean isFailure(ILoggingEvent event) {
        return event.getThrowableProxy() != null || event.getLevel().isGreaterOrEqual(Level.ERROR);
    }

    /** What was logged while the check ran. */
    private static List<ILoggingEvent> logged(Check check) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            check.run();
        } finally {
            root.detachAppender(log);
        }
        return log.list;
    }

    private interface Check {
        void run() throws Exception;
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return send(request("/api/v1/samples").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(body)));
    }

    @SuppressWarnings("unchecked")
    private void assertRefused(HttpResponse<String> response, String field, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<String, Object> problem = fields(response);
        assertThat(problem).containsEntry("type", "urn:oasis:problem:validation");
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
        assertThat(errors).extracting(error -> error.get("field")).containsExactly(field);
        if (message != null) {
            assertThat(errors.get(0).get("message")).isEqualTo(message);
        }
    }

    @SuppressWarnings("unchecked")
    private String message(HttpResponse<String> response) throws Exception {
        return ((List<Map<String, String>>) fields(response).get("errors")).get(0).get("message");
    }

    private long stored(String name) {
        return jdbc.queryForObject("SELECT count(*) FROM sample WHERE name LIKE ?", Long.class, name + "%");
    }

    private static String unique() {
        return "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] bytes(String before, int[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : middle) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
