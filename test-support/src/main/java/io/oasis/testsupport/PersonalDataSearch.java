package io.oasis.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Where given texts (a person's e-mail address, name, phone number) occur in a database: every column
 * of every table the database's own catalog lists, whatever its type (text, large objects and bytes are
 * read as UTF-8), compared without regard to case. Nothing is named by hand, so a table added later is
 * searched too. Works on PostgreSQL and on H2 (the launcher's databases).
 */
public final class PersonalDataSearch {

    /** One value that contains one of the texts searched for. */
    public record Hit(String table, String column, String value) {
    }

    private PersonalDataSearch() {
    }

    /**
     * Random lower-case letters, for a made-up name that nothing else in a database contains by chance
     * and that never looks like a number or an id.
     */
    public static String randomLetters(int count) {
        return java.util.concurrent.ThreadLocalRandom.current().ints(count, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** The tables of the database (schema-qualified), as its catalog lists them: system schemas left out. */
    public static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT table_schema, table_name FROM information_schema.tables "
                        + "WHERE table_type = 'BASE TABLE' "
                        + "AND LOWER(table_schema) NOT IN ('information_schema', 'pg_catalog') "
                        + "ORDER BY table_schema, table_name")) {
            while (rs.next()) {
                tables.add(quote(rs.getString(1)) + "." + quote(rs.getString(2)));
            }
        }
        return tables;
    }

    /** Every value in every table that contains one of {@code texts}. */
    public static List<Hit> find(Connection connection, Collection<String> texts) throws SQLException {
        return find(connection, texts, table -> true);
    }

    /**
     * Every value that contains one of {@code texts} in the tables {@code searched} accepts (by their
     * schema-qualified, quoted name), for a database that several services share in a test.
     */
    public static List<Hit> find(Connection connection, Collection<String> texts, Predicate<String> searched)
            throws SQLException {
        List<String> needles = texts.stream().map(text -> text.toLowerCase(Locale.ROOT)).toList();
        List<Hit> hits = new ArrayList<>();
        for (String table : tables(connection).stream().filter(searched).toList()) {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData columns = rs.getMetaData();
                while (rs.next()) {
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        String value = text(rs.getObject(column));
                        if (value != null && needles.stream().anyMatch(value.toLowerCase(Locale.ROOT)::contains)) {
                            hits.add(new Hit(table, columns.getColumnName(column), value));
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static String text(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Clob clob) {
            try (Reader reader = clob.getCharacterStream()) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[8192];
                for (int read; (read = reader.read(buffer)) > 0;) {
                    text.append(buffer, 0, read);
                }
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (value instanceof Blob blob) {
            try (InputStream in = blob.getBinaryStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value.toString();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
