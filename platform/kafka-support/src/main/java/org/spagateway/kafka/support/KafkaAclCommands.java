package org.spagateway.kafka.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * ACLs as the {@code kafka-acls.sh} command lines that create them, for operators of an external cluster, run as an
 * administrator ({@code --command-config} names the administrator's client properties). ACLs that differ only in the
 * resource name share a line ({@code --topic a --topic b}): each line starts a JVM.
 */
public final class KafkaAclCommands {

    private KafkaAclCommands() {
    }

    public static List<String> lines(List<AclBinding> bindings, String bootstrapServer, String commandConfig) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (AclBinding binding : bindings) {
            names.computeIfAbsent(head(binding, bootstrapServer, commandConfig), head -> new ArrayList<>())
                    .add(binding.pattern().name());
        }
        List<String> lines = new ArrayList<>();
        names.forEach((head, resources) -> {
            String option = head.substring(head.lastIndexOf(' ') + 1);
            StringBuilder line = new StringBuilder(head.substring(0, head.lastIndexOf(' ')));
            resources.forEach(name -> line.append(' ').append(option).append(' ').append(name));
            lines.add(line.toString());
        });
        return List.copyOf(lines);
    }

    /** The line without the resource names, ending with the option that names them. */
    private static String head(AclBinding binding, String bootstrapServer, String commandConfig) {
        StringBuilder head = new StringBuilder("kafka-acls.sh --bootstrap-server ").append(bootstrapServer)
                .append(" --command-config ").append(commandConfig)
                .append(" --add --allow-principal ").append(binding.entry().principal())
                .append(" --operation ").append(operation(binding.entry().operation()));
        if (binding.pattern().patternType() == PatternType.PREFIXED) {
            head.append(" --resource-pattern-type prefixed");
        }
        return head.append(' ').append(option(binding.pattern().resourceType())).toString();
    }

    private static String option(ResourceType type) {
        return switch (type) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> throw new IllegalArgumentException("no kafka-acls.sh option for " + type);
        };
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
