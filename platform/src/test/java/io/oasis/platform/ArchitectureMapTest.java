package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keeps {@code docs/architecture.md} true: every name it puts in {@code code} exists. A CamelCase name is a
 * class of Oasis (with {@code #method}, a method of it), a kebab-case name the id of a route that a service of
 * the running platform has ({@code <...>} stands for any part of it), and a name with a slash a file or folder
 * of the repository ({@code *} matches within a folder). Anything else in code (an HTTP path, a property, a
 * header) is left to the reader.
 */
@ExtendWith(SharedPlatform.class)
class ArchitectureMapTest {

    private static final Path MAP = Path.of("..", "docs", "architecture.md");
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern CLASS = Pattern.compile("[A-Z][A-Za-z0-9]*(#[a-z][A-Za-z0-9]*)?");
    private static final Pattern ROUTE_ID = Pattern.compile("[a-z][a-z0-9]*(-([a-z0-9]+|<[a-zA-Z]+>))+");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._*-]+(/[A-Za-z0-9._*-]*)+");

    private static List<String> names;
    private static JavaClasses classes;

    @BeforeAll
    static void read() throws IOException {
        names = new ArrayList<>();
        Matcher code = CODE.matcher(Files.readString(MAP));
        while (code.find()) {
            names.add(code.group(1));
        }
        // Test classes too: the page names the tests that keep rules (this one, the package cycle test).
        classes = new ClassFileImporter().importPackages("io.oasis");
    }

    @Test
    void theMapNamesClassesRoutesAndFiles() {
        assertThat(named(CLASS)).as("classes named in %s", MAP).hasSizeGreaterThan(20);
        assertThat(named(ROUTE_ID)).as("route ids named in %s", MAP).hasSizeGreaterThan(10);
        assertThat(named(FILE)).as("files named in %s", MAP).isNotEmpty();
    }

    @Test
    void everyClassItNamesExists() {
        Map<String, List<JavaClass>> bySimpleName = classes.stream()
                .collect(Collectors.groupingBy(JavaClass::getSimpleName));
        List<String> missing = new ArrayList<>();
        for (String name : named(CLASS)) {
            String[] parts = name.split("#");
            List<JavaClass> candidates = bySimpleName.getOrDefault(parts[0], List.of());
            boolean found = parts.length == 1 ? !candidates.isEmpty() : candidates.stream()
                    .anyMatch(type -> type.getMethods().stream().anyMatch(method -> method.getName().equals(parts[1])));
            if (!found) {
                missing.add(name);
            }
        }
        assertThat(missing).as("classes and methods named in %s that the code does not have", MAP).isEmpty();
    }

    @Test
    void everyRouteItNamesRuns() {
        Platform platform = SharedPlatform.platform();
        Set<String> running = Arrays.stream(PlatformService.values())
                .flatMap(service -> platform.routeIds(service).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> missing = named(ROUTE_ID).stream()
                .filter(id -> {
                    Pattern pattern = Pattern.compile(Arrays.stream(id.split("<[a-zA-Z]+>", -1))
                            .map(Pattern::quote).collect(Collectors.joining("[a-z0-9-]+")));
                    return running.stream().noneMatch(route -> pattern.matcher(route).matches());
                })
                .toList();
        assertThat(missing).as("route ids named in %s that no service runs (running: %s)", MAP, running).isEmpty();
    }

    @Test
    void everyFileItNamesIsInTheRepository() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> missing = new ArrayList<>();
        for (String name : named(FILE)) {
            if (!name.contains("*")) {
                if (!Files.exists(root.resolve(name))) {
                    missing.add(name);
                }
                continue;
            }
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
            try (Stream<Path> files = Files.walk(root.resolve(name.substring(0, name.indexOf('/'))))) {
                if (files.map(root::relativize).noneMatch(glob::matches)) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).as("files named in %s that the repository does not have", MAP).isEmpty();
    }

    private static Set<String> named(Pattern kind) {
        return names.stream().filter(name -> kind.matcher(name).matches())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
