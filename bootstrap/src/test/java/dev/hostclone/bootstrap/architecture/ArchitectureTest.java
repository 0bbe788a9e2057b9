package dev.hostclone.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * HostClone's production classes keep the dependency rules of DESIGN.md. The other modules' classes
 * come from the class path: in the reactor's build ({@code mvn verify}, or {@code -pl bootstrap -am})
 * they are the source's; run alone in bootstrap, they are the jars last installed in the local
 * repository, which may be older than the source, and a violation made since passes unseen.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.hostclone");

    private final HexagonalRules rules = new HexagonalRules("dev.hostclone");

    @TestFactory
    Stream<DynamicTest> everyRuleNamesPackagesThatHoldClasses() {
        return rules.namedPackages().stream().map(pkg -> DynamicTest.dynamicTest(pkg, () ->
                assertThat(PRODUCTION.that(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(pkg)))
                        .as("classes in %s", pkg).isNotEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> productionCodeKeepsEveryRule() {
        return rules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> check(rule)));
    }

    private static void check(ArchRule rule) {
        rule.check(PRODUCTION);
    }
}
