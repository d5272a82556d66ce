package io.oasis.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The machine's real PostgreSQL, with a fresh database for this test JVM.
 *
 * <p>The first call to {@link #database()} checks that the server answers (by default on
 * {@code 127.0.0.1:5432} as user {@code postgres}), creates a database with a unique name and
 * drops it again when the JVM exits. Every later call returns the same database, so one module
 * run shares one database (and one Spring context can be reused across test classes).
 *
 * <p>Point the tests at another server with the environment variables {@code OASIS_TEST_PG_URL}
 * (a JDBC URL of any existing database on it, e.g. {@code jdbc:postgresql://127.0.0.1:5433/postgres}),
 * {@code OASIS_TEST_PG_USER} and {@code OASIS_TEST_PG_PASSWORD}.
 *
 * <p>A Spring Boot test gets it with {@link RealParts}; plain JDBC code uses {@link #connect()} or the accessors.
 */
public final class Postgres {

    private static final Logger LOG = LoggerFactory.getLogger(Postgres.class);
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static Postgres instance;

    private final String serverUrl;
    private final String username;
    private final String password;
    private final String databaseName;

    private Postgres(String serverUrl, String username, String password, String databaseName) {
        this.serverUrl = serverUrl;
        this.username = username;
        this.password = password;
        this.databaseName = databaseName;
    }

    /** The database of this test JVM, created on the first call. Fails with a clear message if PostgreSQL is down. */
    public static synchronized Postgres database() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    public String jdbcUrl() {
        return withDatabase(serverUrl, databaseName);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String databaseName() {
        return databaseName;
    }

    /** A new connection to this JVM's database; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), credentials(username, password));
    }

    private static Postgres create() {
        String url = env("OASIS_TEST_PG_URL", DEFAULT_URL);
        String user = env("OASIS_TEST_PG_USER", "postgres");
        String password = env("OASIS_TEST_PG_PASSWORD", "");
        String name = "oasis_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        try (Connection admin = DriverManager.getConnection(url, credentials(user, password));
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + url + " as user '" + user + "' ("
                    + e.getMessage() + "). Start the local server (e.g. `pg_ctlcluster <version> main start`) or point "
                    + "OASIS_TEST_PG_URL, OASIS_TEST_PG_USER and OASIS_TEST_PG_PASSWORD at a running one.", e);
        }
        LOG.info("Created test database {} on {}", name, url);
        Postgres db = new Postgres(url, user, password, name);
        // Dropped once the Spring contexts using it are closed, not while they still poll it.
        SpringApplication.getShutdownHandlers().add(db::drop);
        return db;
    }

    private void drop() {
        try (Connection admin = DriverManager.getConnection(serverUrl, credentials(username, password));
                Statement statement = admin.createStatement()) {
            // FORCE ends connections that pools have not closed yet (PostgreSQL 13+).
            statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("Could not drop test database {}: {}", databaseName, e.getMessage());
        }
    }

    private static Properties credentials(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        // A stopped server should fail fast, not hang the test run.
        properties.setProperty("connectTimeout", "5");
        return properties;
    }

    /** Replaces the database part of a {@code jdbc:postgresql://host:port/db?params} URL. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int query = url.indexOf('?', hostStart);
        String params = query < 0 ? "" : url.substring(query);
        String head = query < 0 ? url : url.substring(0, query);
        int slash = head.indexOf('/', hostStart);
        String server = slash < 0 ? head : head.substring(0, slash);
        return server + "/" + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
