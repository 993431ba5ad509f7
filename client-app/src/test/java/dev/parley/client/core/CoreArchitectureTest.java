package dev.parley.client.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The client's layering. The rules read the client's own classes (the folder or jar the client's main classes
 * come from: every class of dev.parley.client, no test classes) and the names of what each one uses; the
 * classes used are not imported in turn (archunit.properties: resolveMissingDependenciesFromClassPath=false).
 * Each rule asks only which package a used class lives in, which its name tells; importing JavaFX, the JDK and
 * every other jar behind those names took the first rule 16 s.
 */
@AnalyzeClasses(locations = CoreArchitectureTest.ClientClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
    @ArchTest
    static final ArchRule coreNeverTouchesJavaFx = noClasses().that().resideInAPackage("dev.parley.client.core..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule javaFxOnlyInTheUi = noClasses().that().resideOutsideOfPackage("dev.parley.client.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule coreNeverReachesIntoTheUi = noClasses().that().resideInAPackage("dev.parley.client.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.client.ui..");

    @ArchTest
    static final ArchRule coreDoesNotReachIntoTheServer = noClasses().that().resideInAPackage("dev.parley.client.core..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.server..");

    @ArchTest
    static final ArchRule connectionDoesNotKnowTheRoomModel = noClasses().that().resideInAPackage("dev.parley.client.core.net..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.client.core.room..");

    /** Where the client's main classes are: target/classes in a build (the packages scan searched the JDK's modules too). */
    static final class ClientClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(ClientEventLoop.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }
}
