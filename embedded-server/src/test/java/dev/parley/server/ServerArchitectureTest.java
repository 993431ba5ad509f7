package dev.parley.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.parley.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {

    @ArchTest
    static final ArchRule serverNeverImportsTheClient = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.parley.client..");

    @ArchTest
    static final ArchRule serverHasNoUi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt", "java.awt.event..",
                    "java.awt.geom..", "java.awt.font..", "javax.swing..");

    /** Pixels (java.awt.image, which javax.imageio hands out) only where thumbnails are made. */
    @ArchTest
    static final ArchRule onlyTheThumbnailerTouchesPixels = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.parley.server.files.Thumbnailer")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt.image..");

    @ArchTest
    static final ArchRule loggingGoesThroughSlf4j = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.log4j..")
            .orShould().accessField(System.class, "err");
}
