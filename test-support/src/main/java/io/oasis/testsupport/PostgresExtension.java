package io.oasis.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure the test database exists before a test class runs, so an unreachable PostgreSQL
 * fails the class at once with {@link Postgres}'s message instead of deep inside a Spring context.
 * Use with {@code @ExtendWith(PostgresExtension.class)}; see {@link Postgres} for the properties.
 */
public class PostgresExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Postgres.database();
    }
}
