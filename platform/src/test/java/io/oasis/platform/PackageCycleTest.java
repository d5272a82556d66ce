package io.oasis.platform;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * No package of Oasis depends on itself through others, so each can be read, and moved, from the bottom
 * up. Every package is its own slice, so a cycle between two packages of one module fails as well as one
 * between modules. The platform depends on every module: this one test sees the classes of all of them.
 *
 * <p>It reads compiled classes, where a constant the compiler copies into its users ({@code static final}
 * strings and numbers) leaves no trace: a package that imports another only for such constants still depends
 * on it, though this test cannot see it.
 */
@AnalyzeClasses(packages = "io.oasis", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCycleTest {

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.oasis.(**)").should().beFreeOfCycles();
}
