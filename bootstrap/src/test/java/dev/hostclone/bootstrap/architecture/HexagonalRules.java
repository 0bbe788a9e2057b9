package dev.hostclone.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of DESIGN.md as ArchUnit rules over a root package, so the same rules run
 * on the real code ({@code dev.hostclone}) and on a fixture that breaks each of them on purpose.
 */
final class HexagonalRules {

    /** Sealed interfaces beside the ports (CloneOutcome, HostWriteResult) are result values, not ports. */
    private static final DescribedPredicate<JavaClass> NOT_SEALED =
            DescribedPredicate.describe("are not sealed", javaClass -> !javaClass.reflect().isSealed());

    private final String root;

    HexagonalRules(String root) {
        this.root = root;
    }

    /** Every package a rule names; each must hold classes, or the rule would check nothing. */
    List<String> namedPackages() {
        return List.of(domain(), application(), portIn(), portOut(), service(), http(), persistence(), bootstrap());
    }

    ArchRule domainDependsOnJavaOnly() {
        return classes().that().resideInAPackage(domain())
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain())
                .as("domain depends on java.. only");
    }

    ArchRule applicationDependsOnJavaAndDomainOnly() {
        return classes().that().resideInAPackage(application())
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain(), application())
                .as("application depends on java.. and domain only");
    }

    ArchRule httpAdapterDoesNotSeePersistence() {
        return noClasses().that().resideInAPackage(http())
                .should().dependOnClassesThat().resideInAPackage(persistence())
                .as("the HTTP adapter never depends on the persistence adapter");
    }

    ArchRule persistenceAdapterDoesNotSeeHttp() {
        return noClasses().that().resideInAPackage(persistence())
                .should().dependOnClassesThat().resideInAPackage(http())
                .as("the persistence adapter never depends on the HTTP adapter");
    }

    ArchRule adaptersNeverUseServices() {
        return noClasses().that().resideInAnyPackage(http(), persistence())
                .should().dependOnClassesThat().resideInAPackage(service())
                .as("adapters reach the application through its ports, never a service class");
    }

    ArchRule httpAdapterDrivesOnlyInPorts() {
        return noClasses().that().resideInAPackage(http())
                .should().dependOnClassesThat().resideInAPackage(portOut())
                .as("the HTTP adapter drives the application through port.in only");
    }

    ArchRule onlyBootstrapUsesGuice() {
        return noClasses().that().resideOutsideOfPackage(bootstrap())
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..")
                .as("only bootstrap imports com.google.inject");
    }

    ArchRule inPortsAreUseCases() {
        return classes().that().resideInAPackage(portIn()).and().areInterfaces().and(NOT_SEALED)
                .should().haveSimpleNameEndingWith("UseCase")
                .as("in-ports end in UseCase");
    }

    ArchRule outPortsArePorts() {
        return classes().that().resideInAPackage(portOut()).and().areInterfaces().and(NOT_SEALED)
                .should().haveSimpleNameEndingWith("Port")
                .as("out-ports end in Port");
    }

    ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles().as("no package cycles");
    }

    List<ArchRule> all() {
        return List.of(domainDependsOnJavaOnly(), applicationDependsOnJavaAndDomainOnly(),
                httpAdapterDoesNotSeePersistence(), persistenceAdapterDoesNotSeeHttp(), adaptersNeverUseServices(),
                httpAdapterDrivesOnlyInPorts(), onlyBootstrapUsesGuice(), inPortsAreUseCases(), outPortsArePorts(),
                noPackageCycles());
    }

    private String domain() {
        return root + ".domain..";
    }

    private String application() {
        return root + ".application..";
    }

    private String portIn() {
        return root + ".application.port.in..";
    }

    private String portOut() {
        return root + ".application.port.out..";
    }

    private String service() {
        return root + ".application.service..";
    }

    private String http() {
        return root + ".adapter.http..";
    }

    private String persistence() {
        return root + ".adapter.persistence..";
    }

    private String bootstrap() {
        return root + ".bootstrap..";
    }
}
