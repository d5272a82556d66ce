package io.oasis.connector;

/** A process variable a connector reads or sets. */
public record ConnectorVariable(String name, String type, String description, boolean required) {
}
