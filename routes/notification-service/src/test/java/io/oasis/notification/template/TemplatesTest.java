package io.oasis.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.notification.delivery.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

    @TempDir
    Path folder;

    private Templates templates() {
        return new Templates(folder.toString(), "en", Duration.ZERO, Clock.systemUTC());
    }

    private void write(String name, String text) throws Exception {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theCustomersLocaleFallsBackToItsLanguageThenTheDefault() throws Exception {
        write("Greeting/email.en.text.mustache", "Hello {{customer.givenName}}");
        write("Greeting/email.de.text.mustache", "Hallo {{customer.givenName}}");
        Templates templates = templates();
        Map<String, Object> model = Map.of("customer", Map.of("givenName", "Ada"));

        assertThat(templates.render("Greeting", Channel.EMAIL, "de-AT", model).orElseThrow())
                .extracting(Templates.Rendered::locale, Templates.Rendered::text).containsExactly("de", "Hallo Ada");
        assertThat(templates.render("Greeting", Channel.EMAIL, "fr", model).orElseThrow().text()).isEqualTo("Hello Ada");
        assertThat(templates.render("Greeting", Channel.EMAIL, null, model).orElseThrow().locale()).isEqualTo("en");
        assertThat(templates.render("Greeting", Channel.SMS, "en", model)).isEmpty();
        assertThat(templates.has("Greeting", Channel.EMAIL)).isTrue();
        assertThat(templates.has("Greeting", Channel.PUSH)).isFalse();
    }

    @Test
    void valuesAreEscapedInHtmlOnlyAndNeverEvaluated() throws Exception {
        write("Note/email.en.subject.mustache", "For {{customer.givenName}}");
        write("Note/email.en.text.mustache", "Dear {{customer.givenName}}");
        write("Note/email.en.html.mustache", "<p>Dear {{customer.givenName}}</p>");
        String name = "<b>Bob</b> & {{event.id}}";
        Templates.Rendered rendered = templates().render("Note", Channel.EMAIL, "en",
                Map.of("customer", Map.of("givenName", name), "event", Map.of("id", "secret"))).orElseThrow();

        assertThat(rendered.subject()).isEqualTo("For " + name);
        assertThat(rendered.text()).isEqualTo("Dear " + name);
        assertThat(rendered.html()).isEqualTo("<p>Dear &lt;b&gt;Bob&lt;/b&gt; &amp; {{event.id}}</p>");
    }

    @Test
    void templatesSeeMapsButCallNoMethods() throws Exception {
        write("Probe/sms.en.text.mustache", "[{{data.class}}][{{data.name.bytes}}][{{data.name.length}}][{{data.name}}]");
        Templates.Rendered rendered = templates().render("Probe", Channel.SMS, "en",
                Map.of("data", Map.of("name", "Eve"))).orElseThrow();

        assertThat(rendered.text()).isEqualTo("[][][][Eve]");
    }

    @Test
    void aSavedChangeIsUsedForTheNextMessage() throws Exception {
        write("Change/sms.en.text.mustache", "first");
        Templates templates = templates();
        assertThat(templates.render("Change", Channel.SMS, "en", Map.of()).orElseThrow().text()).isEqualTo("first");

        Path file = folder.resolve("Change/sms.en.text.mustache");
        Files.writeString(file, "second version");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(templates.render("Change", Channel.SMS, "en", Map.of()).orElseThrow().text())
                .isEqualTo("second version");
    }

    @Test
    void thePackagedTemplatesServeWhenTheFolderHasNone() {
        Templates templates = new Templates(folder.resolve("missing").toString(), "en", Duration.ZERO,
                Clock.systemUTC());
        assertThat(templates.render("OrderShipped", Channel.EMAIL, "en",
                Map.of("order", Map.of("orderId", "o-1"), "customer", Map.of("givenName", "Ann"))).orElseThrow()
                .subject()).isEqualTo("Your order is on its way");
    }
}
