package org.spagateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Kafka client the gateway builds gets the security settings (issue 14): a method that constructs a producer,
 * consumer, admin client, Kafka Streams application or Camel Kafka component must take its properties from
 * {@code KafkaConfig}, the one place that adds {@code spa.kafka.security-protocol}, SASL and TLS. A client built from
 * a hand-written map would silently speak PLAINTEXT to a SASL_SSL cluster (and fail) or skip authentication.
 */
class KafkaClientSecurityRuleTest {

    /** Where a Kafka client comes to life. */
    private static final Set<String> CLIENT_TYPES = Set.of(
            "org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.kafka.clients.consumer.KafkaShareConsumer",
            "org.apache.kafka.streams.KafkaStreams",
            "org.apache.camel.component.kafka.KafkaComponent");
    private static final Set<String> ADMIN_TYPES = Set.of(
            "org.apache.kafka.clients.admin.Admin", "org.apache.kafka.clients.admin.AdminClient");

    /** The methods that state client properties, security included. */
    private static final Set<String> PROPERTY_SOURCES = Set.of(
            "org.spagateway.kafka.support.KafkaConfig.producerProperties",
            "org.spagateway.kafka.support.KafkaConfig.consumerProperties",
            "org.spagateway.kafka.support.KafkaConfig.adminProperties",
            "org.spagateway.kafka.support.KafkaConfig.clientProperties",
            // Kafka Streams' properties: KafkaConfig.clientProperties() plus the application's own.
            "org.spagateway.preference.profiles.ProfilesStreamsProperties.of");

    /** Classes that build clients from properties their caller states, or on purpose without security. */
    private static final Map<String, String> EXEMPT = Map.of(
            "org.spagateway.kafka.embedded.TopicInitializer",
            "creates topics with the admin properties its caller passes (KafkaConfig.adminProperties in the services)",
            "org.spagateway.kafka.embedded.SecuredBrokerProvisioner",
            "the embedded broker's super user on its own loopback listener",
            "org.spagateway.reporting.api.KafkaInteractiveBacklog",
            "takes KafkaConfig.adminProperties() from ReportingApi",
            "org.spagateway.test.harness.TopicReader",
            "test support reading the PLAINTEXT embedded broker of a test");
    /** Benchmarks start and measure the PLAINTEXT embedded broker themselves; their tuned clients are measured. */
    private static final String BENCHMARKS = "org.spagateway.benchmarks..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.spagateway");
    }

    @Test
    void everyKafkaClientIsBuiltFromThePropertiesKafkaConfigStates() {
        classes().that().resideOutsideOfPackage(BENCHMARKS)
                .should(buildKafkaClientsOnlyFromKafkaConfig())
                .because("KafkaConfig adds the spa.kafka.* security settings to every client (docs/deployment.md);"
                        + " take the client's properties from it, or exempt the class here with the reason")
                .check(classes);
    }

    @Test
    void theRuleSeesTheClientsItGuards() {
        // A rule that finds no client passes vacuously: the publisher and the worker do build clients.
        assertBuildsAClient("org.spagateway.kafka.support.KafkaEventPublisher");
        assertBuildsAClient("org.spagateway.inference.worker.kafka.InferenceWorker");
        assertBuildsAClient("org.spagateway.kafka.support.KafkaEndpoints");
    }

    private static void assertBuildsAClient(String className) {
        if (classes.get(className).getCodeUnits().stream().noneMatch(KafkaClientSecurityRuleTest::buildsAClient)) {
            throw new AssertionError(className + " builds no Kafka client that the rule recognises");
        }
    }

    private static ArchCondition<JavaClass> buildKafkaClientsOnlyFromKafkaConfig() {
        return new ArchCondition<>("build Kafka clients only from the properties KafkaConfig states") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (EXEMPT.containsKey(javaClass.getName())) {
                    return;
                }
                for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
                    if (buildsAClient(unit) && unit.getCallsFromSelf().stream()
                            .noneMatch(call -> PROPERTY_SOURCES.contains(fullName(call.getTarget())))) {
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName()
                                + " builds a Kafka client without KafkaConfig's properties"));
                    }
                }
            }
        };
    }

    private static boolean buildsAClient(JavaCodeUnit unit) {
        return unit.getCallsFromSelf().stream().map(call -> call.getTarget()).anyMatch(target ->
                (CLIENT_TYPES.contains(target.getOwner().getName()) && target.getName().equals("<init>"))
                        || (ADMIN_TYPES.contains(target.getOwner().getName()) && target.getName().equals("create")));
    }

    private static String fullName(AccessTarget.CodeUnitCallTarget target) {
        return target.getOwner().getName() + "." + target.getName();
    }
}
