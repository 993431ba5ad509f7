package dev.parley.client.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.parley.client", importOptions = ImportOption.DoNotIncludeTests.class)
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
}
