package io.oasis.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.oasis.common.error.InvalidTextException;
import java.io.IOException;

/**
 * A string of a request body: only a JSON string (no number or boolean turned into one), and text a field
 * may hold. A field is one line unless it is {@link MultiLineText}; strings without a field of their own
 * (the values of a free-form map) are one line too.
 */
final class StrictTextDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {

    static final StrictTextDeserializer SINGLE_LINE = new StrictTextDeserializer(false);
    private static final StrictTextDeserializer MULTI_LINE = new StrictTextDeserializer(true);

    private final boolean multiLine;

    private StrictTextDeserializer(boolean multiLine) {
        super(String.class);
        this.multiLine = multiLine;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        return property != null && property.getAnnotation(MultiLineText.class) != null ? MULTI_LINE : SINGLE_LINE;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        String text = parser.getText();
        String problem = problem(text, multiLine);
        if (problem != null) {
            throw new InvalidTextException(parser, problem);
        }
        return text;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    /**
     * What is wrong with the text for a field, or null: a control character (C0, DEL, C1; in a multi-line
     * field all but line feed and tab), in one line a line or paragraph separator, or half a surrogate pair.
     */
    static String problem(String text, boolean multiLine) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {  // printable ASCII, nearly every character of a request
                continue;
            }
            if (Character.isISOControl(c)) {
                if (multiLine && (c == '\n' || c == '\t')) {
                    continue;
                }
                return (multiLine ? "must not contain control characters other than line feeds and tabs"
                        : "must be a single line without control characters") + " (found " + codePoint(c) + ")";
            }
            if (!multiLine && (c == '\u2028' || c == '\u2029')) {
                return "must be a single line without control characters (found " + codePoint(c) + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
