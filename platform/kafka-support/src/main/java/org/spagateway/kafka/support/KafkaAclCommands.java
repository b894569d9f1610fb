package org.spagateway.kafka.support;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * ACLs as the {@code kafka-acls.sh} command lines that create them, for operators of an external cluster: one line per
 * ACL, run as an administrator ({@code --command-config} names the administrator's client properties).
 */
public final class KafkaAclCommands {

    private KafkaAclCommands() {
    }

    public static List<String> lines(List<AclBinding> bindings, String bootstrapServer, String commandConfig) {
        return bindings.stream().map(binding -> line(binding, bootstrapServer, commandConfig)).toList();
    }

    static String line(AclBinding binding, String bootstrapServer, String commandConfig) {
        ResourcePattern pattern = binding.pattern();
        StringBuilder line = new StringBuilder("kafka-acls.sh --bootstrap-server ").append(bootstrapServer)
                .append(" --command-config ").append(commandConfig)
                .append(" --add --allow-principal ").append(binding.entry().principal())
                .append(" --operation ").append(operation(binding.entry().operation()));
        if (pattern.patternType() == PatternType.PREFIXED) {
            line.append(" --resource-pattern-type prefixed");
        }
        String option = switch (pattern.resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            case CLUSTER -> "--cluster";
            default -> throw new IllegalArgumentException("no kafka-acls.sh option for " + pattern.resourceType());
        };
        line.append(' ').append(option);
        if (pattern.resourceType() != ResourceType.CLUSTER) {
            line.append(' ').append(pattern.name());
        }
        return line.toString();
    }

    /** kafka-acls.sh spells operations in camel case: {@code Read}, {@code DescribeConfigs}, {@code All}. */
    private static String operation(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String part : operation.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
