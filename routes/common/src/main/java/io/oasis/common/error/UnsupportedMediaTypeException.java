package io.oasis.common.error;

/** 415 the request body has a content type the operation does not accept. */
public class UnsupportedMediaTypeException extends ProblemException {

    public UnsupportedMediaTypeException(String detail) {
        super(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
