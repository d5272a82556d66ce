package io.oasis.common.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of a request body that may span lines (a note, a message's text): it may hold line
 * feeds and tabs. Every other string of a request is one line (see {@link RequestJson}). Neither may hold
 * any other control character.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface MultiLineText {
}
