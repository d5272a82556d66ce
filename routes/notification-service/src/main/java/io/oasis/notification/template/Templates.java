package io.oasis.notification.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.reflect.MapObjectHandler;
import com.github.mustachejava.resolver.ClasspathResolver;
import com.github.mustachejava.resolver.FileSystemResolver;
import io.oasis.notification.delivery.Channel;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The message texts: Mustache templates, one file per event type, channel, locale and part, in
 * {@code <dir>/<EventType>/<channel>.<locale>.<part>.mustache} (parts: {@code subject}, {@code text},
 * {@code html} for e-mail; {@code text} for SMS; {@code title}, {@code text} for push). A file in the
 * configured folder wins over the one packaged with the service, and a changed file is used from the next
 * message on, without a restart.
 *
 * <p>The locale falls back from {@code de-AT} to {@code de} to the default locale. Templates see only maps
 * (no method calls on objects: logic-less, so a template cannot reach into the JVM), and a value is
 * HTML-escaped in the {@code html} part and left as it is in plain text. A value is never evaluated as a
 * template, so text a customer typed cannot inject template code.
 */
@Component
public class Templates {

    private static final Logger LOG = LoggerFactory.getLogger(Templates.class);
    private static final String CLASSPATH_ROOT = "templates";

    private final Path folder;
    private final String defaultLocale;
    private final Duration reloadCheck;
    private final Clock clock;
    private final Map<String, Optional<Mustache>> compiled = new ConcurrentHashMap<>();
    private volatile long fingerprint;
    private volatile Instant nextCheck = Instant.MIN;
    private volatile Factories factories;

    public Templates(@Value("${oasis.notification.templates.folder}") String folder,
            @Value("${oasis.notification.templates.default-locale}") String defaultLocale,
            @Value("${oasis.notification.templates.reload-check}") Duration reloadCheck, Clock clock) {
        this.folder = Path.of(folder).toAbsolutePath().normalize();
        this.defaultLocale = defaultLocale;
        this.reloadCheck = reloadCheck;
        this.clock = clock;
        this.fingerprint = fingerprint();
        this.factories = new Factories(this.folder);
        LOG.info("Message templates from {} (then the packaged ones); default locale {}", this.folder, defaultLocale);
    }

    /** A rendered message: which template and locale were used, and its parts (null where the channel has none). */
    public record Rendered(String template, String locale, String subject, String text, String html) {
    }

    /** Whether a message on this channel exists for this event type (in the default locale). */
    public boolean has(String eventType, Channel channel) {
        return find(eventType, channel, defaultLocale, "text").isPresent();
    }

    /**
     * Renders the event's message for the channel in the customer's locale (or the nearest one there is).
     *
     * @return empty if there is no template for this event type and channel
     */
    public Optional<Rendered> render(String eventType, Channel channel, String locale, Map<String, Object> model) {
        reloadIfChanged();
        for (String candidate : candidates(locale)) {
            Optional<Mustache> text = find(eventType, channel, candidate, "text");
            if (text.isPresent()) {
                String subjectPart = channel == Channel.PUSH ? "title" : "subject";
                return Optional.of(new Rendered(eventType + "/" + channel.key(), candidate,
                        render(find(eventType, channel, candidate, subjectPart), model),
                        render(text, model),
                        render(find(eventType, channel, candidate, "html"), model)));
            }
        }
        return Optional.empty();
    }

    private Optional<Mustache> find(String eventType, Channel channel, String locale, String part) {
        String name = eventType + "/" + channel.key() + "." + locale + "." + part + ".mustache";
        return compiled.computeIfAbsent(name, key -> {
            Factories current = factories;
            DefaultMustacheFactory factory = "html".equals(part) ? current.html : current.text;
            try (Reader reader = current.resolver.getReader(key)) {
                return reader == null ? Optional.empty() : Optional.of(factory.compile(reader, key));
            } catch (IOException e) {
                throw new UncheckedIOException("Template " + key + " could not be read", e);
            }
        });
    }

    private static String render(Optional<Mustache> template, Map<String, Object> model) {
        if (template.isEmpty()) {
            return null;
        }
        StringWriter out = new StringWriter();
        template.get().execute(out, model);
        return out.toString().strip();
    }

    /** {@code de-AT} → {@code de-AT}, {@code de}, then the default locale. */
    List<String> candidates(String locale) {
        List<String> candidates = new ArrayList<>();
        if (locale != null && !locale.isBlank()) {
            String tag = Locale.forLanguageTag(locale.replace('_', '-')).toLanguageTag();
            candidates.add(tag);
            int dash = tag.indexOf('-');
            if (dash > 0) {
                candidates.add(tag.substring(0, dash));
            }
        }
        if (!candidates.contains(defaultLocale)) {
            candidates.add(defaultLocale);
        }
        return candidates;
    }

    private void reloadIfChanged() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(reloadCheck);
        long current = fingerprint();
        if (current != fingerprint) {
            fingerprint = current;
            factories = new Factories(folder);
            compiled.clear();
            LOG.info("Message templates in {} changed; using the new ones from now on", folder);
        }
    }

    /** Changes when a file in the folder is added, removed or saved. */
    private long fingerprint() {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return file.hashCode() * 31L + Files.getLastModifiedTime(file).toMillis() + Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            LOG.warn("Template folder {} could not be read: {}", folder, e.toString());
            return fingerprint;
        }
    }

    /** Compilers for one generation of the templates: HTML-escaping for the html part, verbatim for the rest. */
    private static final class Factories {
        final MustacheResolver resolver;
        final DefaultMustacheFactory html;
        final DefaultMustacheFactory text;

        Factories(Path folder) {
            // FileSystemResolver refuses a folder that does not exist; then only the packaged templates count.
            FileSystemResolver files = Files.isDirectory(folder) ? new FileSystemResolver(folder.toFile()) : null;
            ClasspathResolver packaged = new ClasspathResolver(CLASSPATH_ROOT);
            resolver = name -> {
                Reader reader = files != null && Files.isDirectory(folder) ? files.getReader(name) : null;
                return reader != null ? reader : packaged.getReader(name);
            };
            html = new DefaultMustacheFactory(resolver);
            html.setObjectHandler(new MapObjectHandler());
            text = new DefaultMustacheFactory(resolver) {
                @Override
                public void encode(String value, Writer writer) {
                    try {
                        writer.write(value);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            text.setObjectHandler(new MapObjectHandler());
        }
    }
}
