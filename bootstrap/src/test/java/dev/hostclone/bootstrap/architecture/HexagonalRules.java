package dev.hostclone.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

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

    /** One use case, one method (STYLE rule 2): a second capability is a second in-port. */
    ArchRule inPortsHaveOneMethod() {
        return classes().that().resideInAPackage(portIn()).and().areInterfaces().and(NOT_SEALED)
                .should(new ArchCondition<JavaClass>("declare exactly one abstract method") {
                    @Override
                    public void check(JavaClass port, ConditionEvents events) {
                        long abstractMethods = port.getMethods().stream()
                                .filter(method -> method.getModifiers().contains(JavaModifier.ABSTRACT)).count();
                        if (abstractMethods != 1) {
                            events.add(SimpleConditionEvent.violated(port, port.getName() + " declares "
                                    + abstractMethods + " abstract methods"));
                        }
                    }
                })
                .as("in-ports have one method");
    }

    /** A use case says what happened (STYLE rule 3): never a bare boolean, now or later. */
    ArchRule useCasesReturnNoBoolean() {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(portIn())
                .and().areDeclaredInClassesThat().areInterfaces()
                .should(new ArchCondition<JavaMethod>("return no boolean, Boolean or stage of a Boolean") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        if (isBoolean(method.getReturnType())) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " returns "
                                    + method.getReturnType().getName()));
                        }
                    }
                })
                .as("use cases return outcomes, not booleans");
    }

    /**
     * A use case takes its request as a command or query of its own port package, or a domain value (the actor, a
     * host id): never a bare map, list, text, number or array, whose shape nothing would check before the use case
     * sees it (README, Embedding).
     */
    ArchRule useCasesTakeCommands() {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(portIn())
                .and().areDeclaredInClassesThat().areInterfaces()
                .and().haveModifier(JavaModifier.ABSTRACT)
                .should(new ArchCondition<JavaMethod>("take only types of port.in or the domain") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        for (JavaClass parameter : method.getRawParameterTypes()) {
                            String pkg = parameter.getPackageName();
                            boolean domain = pkg.equals(root + ".domain") || pkg.startsWith(root + ".domain.");
                            if (!domain && !pkg.equals(root + ".application.port.in")) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " takes "
                                        + parameter.getName()));
                            }
                        }
                    }
                })
                .as("use cases take commands, queries or domain values, not raw maps, collections, texts or numbers");
    }

    ArchRule persistenceImplementsNoUseCase() {
        return noClasses().that().resideInAPackage(persistence())
                .should().implement(JavaClass.Predicates.resideInAPackage(portIn()))
                .as("the persistence adapter implements out-ports only, never a use case");
    }

    private static boolean isBoolean(JavaType type) {
        if (type instanceof JavaParameterizedType parameterized
                && parameterized.toErasure().isAssignableTo(CompletionStage.class)) {
            return parameterized.getActualTypeArguments().stream().anyMatch(HexagonalRules::isBoolean);
        }
        String name = type.toErasure().getName();
        return name.equals("boolean") || name.equals(Boolean.class.getName());
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
                httpAdapterDrivesOnlyInPorts(), onlyBootstrapUsesGuice(), inPortsAreUseCases(), inPortsHaveOneMethod(),
                useCasesReturnNoBoolean(), useCasesTakeCommands(), persistenceImplementsNoUseCase(), outPortsArePorts(),
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
