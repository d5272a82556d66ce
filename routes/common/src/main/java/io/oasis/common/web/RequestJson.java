package io.oasis.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How every service reads a JSON request body: its own mapper (modules, date formats) with one strict
 * configuration on top, so that what a caller sends means one thing and the services never guess.
 * <ul>
 * <li>a value of the declared JSON type only: no {@code 1.5}, {@code 1.0} or {@code "1"} for a whole number,
 * no {@code "1"} for a decimal, no {@code "true"} or {@code 1} for a boolean, no number or boolean for a
 * string, no {@code ""} for a value left out, no number for an enum;</li>
 * <li>one document: nothing after it, and no member twice;</li>
 * <li>no unknown members, no null for a primitive;</li>
 * <li>text without control characters: each string is one line unless its field is {@link MultiLineText},
 * which may also hold line feeds and tabs (see {@link StrictTextDeserializer});</li>
 * <li>UTF-8 only, as RFC 8259 asks: bytes that are not are refused, not replaced or passed on.</li>
 * </ul>
 * Each refusal is a 400 naming the field (see {@code Problems}). Read bodies with {@code ApiRequests}.
 */
public final class RequestJson {

    private RequestJson() {
    }

    /** A copy of the service's mapper with the strict configuration; the mapper itself is left as it is. */
    public static ObjectMapper strict(ObjectMapper service) {
        ObjectMapper strict = service.copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType type : LogicalType.values()) {
            if (type != LogicalType.Textual) {
                strict.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            }
        }
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("oasis-strict-text")
                .addDeserializer(String.class, StrictTextDeserializer.SINGLE_LINE));
        return strict;
    }

    /** The body as text, when it is valid UTF-8; otherwise a 400. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("The request body is not valid UTF-8.",
                    List.of(new FieldError("$", "not valid UTF-8")));
        }
    }
}
