package io.oasis.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.connector.ConnectorFiles;
import io.oasis.connector.ConnectorTable;
import io.oasis.testsupport.connector.ConnectorKit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of shipped connectors is the one the files make. */
class ConnectorReadmeTableTest {

    @Test
    void theReadmeListsEveryShippedConnectorAsItsFileDeclaresIt() throws Exception {
        Path folder = ConnectorKit.connectorsFolder();
        String readme = Files.readString(folder.resolve("README.md"));
        String expected = ConnectorTable.markdown(ConnectorFiles.parseFolder(folder));

        int begin = readme.indexOf(ConnectorTable.BEGIN);
        int end = readme.indexOf(ConnectorTable.END);
        assertThat(begin).as("the README marks the table with " + ConnectorTable.BEGIN).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        assertThat(readme.substring(begin + ConnectorTable.BEGIN.length(), end).strip())
                .as("routes/connectors/README.md's table; replace it with:%n%s", expected)
                .isEqualTo(expected.strip());
    }
}
