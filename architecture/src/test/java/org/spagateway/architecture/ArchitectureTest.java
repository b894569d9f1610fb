package org.spagateway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.AccessibleObject;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules that keep the module layout of docs/architecture.md true, checked on every module's main classes. Each
 * failure names the offending class and dependency and says, in its "because", where the code belongs instead.
 * Package = artifact id, so a package rule is a module rule.
 */
class ArchitectureTest {

    /** The services: each one a deployable unit that talks to the others only through Kafka. */
    static final List<String> SERVICES = List.of(
            "org.spagateway.study.routing..",
            "org.spagateway.seg.export..",
            "org.spagateway.reporting.api..",
            "org.spagateway.inference.worker..",
            "org.spagateway.preference.profiles..",
            "org.spagateway.fhir.adapter..");

    /** Shared building blocks below the services: the contract, the platform and the DICOM modules. */
    static final String[] FOUNDATIONS = {
            "org.spagateway.events..",
            "org.spagateway.configuration..",
            "org.spagateway.kafka.support..",
            "org.spagateway.kafka.embedded..",
            "org.spagateway.fhir.embedded..",
            "org.spagateway.sessions..",
            "org.spagateway.retry..",
            "org.spagateway.storage..",
            "org.spagateway.health..",
            "org.spagateway.metrics..",
            "org.spagateway.test.harness..",
            "org.spagateway.dicom.."};

    static final String[] MODEL = {"org.spagateway.spa.model..", "org.spagateway.phantoms.."};

    static final String[] TOOLS_AND_APP = {
            "org.spagateway.app..",
            "org.spagateway.study.generator..",
            "org.spagateway.evaluation..",
            "org.spagateway.benchmarks.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.spagateway");
    }

    @Test
    void everyModuleIsImported() {
        // A rule over packages that were not imported passes vacuously: make sure each group is there.
        Stream.of(SERVICES.stream(), Arrays.stream(FOUNDATIONS), Arrays.stream(MODEL), Arrays.stream(TOOLS_AND_APP))
                .flatMap(s -> s)
                .forEach(pattern -> {
                    if (classes.stream().noneMatch(resideInAPackage(pattern))) {
                        throw new AssertionError("no main class imported in " + pattern + ": add its module as a"
                                + " dependency of architecture/pom.xml so the rules cover it");
                    }
                });
    }

    @Test
    void springIsUsedOnlyByTheEmbeddedFhirServer() {
        noClasses().that().resideOutsideOfPackage("org.spagateway.fhir.embedded..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("Spring is the HAPI FHIR JPA server's runtime and stays inside platform/fhir-embedded;"
                        + " services are wired with plain constructors from the configuration module")
                .check(classes);
    }

    @Test
    void pixelMedIsUsedOnlyByTheDicomModules() {
        noClasses().that().resideOutsideOfPackages("org.spagateway.dicom..", "org.spagateway.study.generator..")
                .should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
                .because("DICOM encoding and networking live in dicom/ (objects, SEG writer, sender, listener) and"
                        + " the study generator; a service needing DICOM calls those modules' own types")
                .check(classes);
    }

    @ParameterizedTest
    @MethodSource("services")
    void aServiceDoesNotDependOnAnotherService(String service) {
        String[] others = SERVICES.stream().filter(other -> !other.equals(service)).toArray(String[]::new);
        noClasses().that().resideInAPackage(service)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk through Kafka events (contract/events) only, so each can be deployed and"
                        + " scaled alone; move shared code to platform/ or dicom/")
                .check(classes);
    }

    static Stream<String> services() {
        return SERVICES.stream();
    }

    @Test
    void foundationsDoNotDependOnServicesToolsOrTheApp() {
        String[] above = Stream.concat(SERVICES.stream(), Arrays.stream(TOOLS_AND_APP)).toArray(String[]::new);
        noClasses().that().resideInAnyPackage(FOUNDATIONS)
                .should().dependOnClassesThat().resideInAnyPackage(above)
                .because("contract/, platform/ and dicom/ sit below the services; a dependency upwards is a cycle in"
                        + " the making: move the shared type down instead")
                .check(classes);
    }

    @Test
    void theModelDoesNotDependOnMessagingOrTheServices() {
        noClasses().that().resideInAnyPackage(MODEL)
                .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(
                        Stream.of("org.apache.kafka..", "org.apache.camel..", "org.spagateway.kafka..",
                                "org.spagateway.events..", "org.spagateway.dicom.."),
                        SERVICES.stream()).toArray(String[]::new))
                .because("model/ (the SPA network, training, phantoms) is pure computation used by the inference"
                        + " worker and the tools; Kafka, Camel, events and DICOM belong to the worker around it")
                .check(classes);
    }

    @Test
    void theEventContractDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("org.spagateway.events..")
                .should().dependOnClassesThat(resideInAPackage("org.spagateway..")
                        .and(not(resideInAPackage("org.spagateway.events.."))))
                .because("contract/events is what every service and external producer shares; it may not pull in"
                        + " platform or service code")
                .check(classes);
    }

    @Test
    void reflectionIntoLibrariesHappensOnlyBehindTheDicomNetworkDoor() {
        noClasses().that().resideOutsideOfPackage("org.spagateway.dicom.network..")
                .should().callMethodWhere(describe("AccessibleObject.setAccessible or trySetAccessible is called",
                        call -> call.getTarget().getName().matches("setAccessible|trySetAccessible")
                                && call.getTarget().getOwner().isAssignableTo(AccessibleObject.class)))
                .because("reaching into a library's private members breaks silently on upgrade; the one such place,"
                        + " PixelMed's network internals, is dicom/dicom-network, guarded by PixelMedInternalsTest")
                .check(classes);
    }
}
