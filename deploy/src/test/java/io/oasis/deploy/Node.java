package io.oasis.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the validation scripts of deploy/validation with Node.js, installing their pinned packages
 * (package-lock.json) with npm on first use, and again whenever the lock file changed since.
 */
final class Node {

    record Result(int exitCode, String output) {
    }

    private static final Path FOLDER = Repository.path("deploy/validation");

    private Node() {
    }

    static synchronized Result run(String script, String... arguments) throws IOException, InterruptedException {
        Path installed = FOLDER.resolve("node_modules/.package-lock.json");
        if (!Files.exists(installed) || Files.getLastModifiedTime(FOLDER.resolve("package-lock.json"))
                .compareTo(Files.getLastModifiedTime(installed)) > 0) {
            Result install = exec(List.of("npm", "ci", "--no-audit", "--no-fund"));
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm ci in deploy/validation failed: " + install.output());
            }
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        return exec(command);
    }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("Node.js and npm are needed for the deployment checks: install them"
                    + " (e.g. apt-get install nodejs npm)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
