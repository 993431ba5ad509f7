package dev.parley.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.parley.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {

    @ArchTest
    static final ArchRule protocolKnowsNothingOfServerOrClient = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..", "dev.parley.client..");

    @ArchTest
    static final ArchRule protocolHasNoUi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..");

    @ArchTest
    static final ArchRule protocolOpensNoSockets = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..");
}
