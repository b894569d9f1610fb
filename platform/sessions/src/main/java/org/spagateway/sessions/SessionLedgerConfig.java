package org.spagateway.sessions;

import java.nio.file.Path;
import java.util.List;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The {@code spa.sessions.*} section, read by the inference worker (which writes the ledger) and the choice
 * ingress (which reads it and records choices): both must name the same shared directory.
 *
 * @param root the ledger's directory
 */
public record SessionLedgerConfig(Path root) {

    public static final String ROOT = "spa.sessions.root";
    public static final String DEFAULT_ROOT = "data/sessions";

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(ROOT, DEFAULT_ROOT,
                    "The session ledger (a directory per session: what it is about, its rounds, the choice per"
                            + " round). Every inference worker and choice ingress of a deployment must share it."));

    public static SessionLedgerConfig from(ConfigSource config) {
        return new SessionLedgerConfig(Path.of(config.string(ROOT, DEFAULT_ROOT)));
    }

    public SessionLedger ledger() {
        return new SessionLedger(root);
    }
}
