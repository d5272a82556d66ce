package io.oasis.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, found from the module's working directory (Maven runs tests in deploy/). */
final class Repository {

    static final Path ROOT = find();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path find() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("docker-compose.yml")) && Files.isDirectory(candidate.resolve("routes"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }
}
