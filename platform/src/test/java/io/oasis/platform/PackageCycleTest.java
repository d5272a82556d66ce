package io.oasis.platform;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
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
 * <p>The imports listed below still close cycles in three services' domain packages; each is one to turn
 * around, and none may be added.
 */
@AnalyzeClasses(packages = "io.oasis", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCycleTest {

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.oasis.(**)").should().beFreeOfCycles()
            // The customer's service checks access with the customer in hand.
            .ignoreDependency(resideInAPackage("io.oasis.customer.profile"), resideInAPackage("io.oasis.customer.access"))
            // The bridge to the engine reads the message names of the order process.
            .ignoreDependency(resideInAPackage("io.oasis.order.bridge"), resideInAPackage("io.oasis.order.process"))
            // A direct send's request is the API's type.
            .ignoreDependency(resideInAPackage("io.oasis.notification.planning"), resideInAPackage("io.oasis.notification.api"))
            // Webhook and push endpoints share the notification API's access checks and views.
            .ignoreDependency(resideInAPackage("io.oasis.notification.webhook"), resideInAPackage("io.oasis.notification.api"))
            .ignoreDependency(resideInAPackage("io.oasis.notification.push"), resideInAPackage("io.oasis.notification.api"))
            // The contact projection starts the erasure of an erased customer's data.
            .ignoreDependency(resideInAPackage("io.oasis.notification.contact"), resideInAPackage("io.oasis.notification.privacy"));
}
