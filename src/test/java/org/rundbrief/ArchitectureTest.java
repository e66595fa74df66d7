package org.rundbrief;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/** The packages read as the data flow only while none of them imports another in a circle. */
class ArchitectureTest {
    private static final String BASE = "org.rundbrief";

    /** One slice per package directly under org.rundbrief, and one for the root package itself (Main). */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(BASE)) {
                return SliceIdentifier.of(BASE);
            }
            if (name.startsWith(BASE + ".")) {
                return SliceIdentifier.of(BASE + "." + name.substring(BASE.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + BASE;
        }
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void noPackageImportsAnotherInACircle() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
    }

    /** App builds the parts and hands each what it needs; only the command line asks it for them. */
    @Test
    void onlyTheCommandLineTakesTheWholeApp() {
        noClasses().that().resideOutsideOfPackages(BASE, BASE + ".cli..", BASE + ".app..")
                .should().dependOnClassesThat().haveFullyQualifiedName(BASE + ".app.App")
                .check(CLASSES);
    }
}
