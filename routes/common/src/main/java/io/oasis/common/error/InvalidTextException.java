package io.oasis.common.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string that its field may not hold (a control character in a name, say); a 400 naming the field. */
public class InvalidTextException extends MismatchedInputException {

    public InvalidTextException(JsonParser parser, String message) {
        super(parser, message, String.class);
    }
}
