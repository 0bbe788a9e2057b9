package dev.hostclone.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves the rules are not vacuous: the same rules, run over the {@code fixture} package (whose
 * classes break each rule on purpose), report a violation every time.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURE = "dev.hostclone.bootstrap.architecture.fixture";
    private static final JavaClasses FIXTURE_CLASSES = new ClassFileImporter().importPackages(FIXTURE);

    private final HexagonalRules rules = new HexagonalRules(FIXTURE);

    @TestFactory
    Stream<DynamicTest> fixtureHoldsEveryNamedPackage() {
        return rules.namedPackages().stream().map(pkg -> DynamicTest.dynamicTest(pkg, () ->
                assertThat(FIXTURE_CLASSES.that(JavaClass.Predicates.resideInAPackage(pkg))).isNotEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleReportsTheDeliberateViolation() {
        return rules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () ->
                assertThat(rule.evaluate(FIXTURE_CLASSES).hasViolation()).as(rule.getDescription()).isTrue()));
    }
}
