package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.PatientPseudonym;

class PseudonymKeyTest {

    @TempDir
    Path root;

    @Test
    void keepsOneOwnerOnlyKeyUnderTheStorageRootWhenNoneIsConfigured() throws Exception {
        PseudonymKey kept = PseudonymKey.parse(ListenerConfig.PSEUDONYM_KEY, "");

        String first = kept.open(root).of("HOSP", "PAT-1", "1.2.3");
        String afterRestart = PseudonymKey.parse(ListenerConfig.PSEUDONYM_KEY, "").open(root)
                .of("HOSP", "PAT-1", "1.2.3");

        assertThat(afterRestart).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(root.resolve(PseudonymKey.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(PseudonymKey.parse(ListenerConfig.PSEUDONYM_KEY, "").open(Files.createDirectory(
                root.resolve("other"))).of("HOSP", "PAT-1", "1.2.3")).isNotEqualTo(first);
    }

    @Test
    void usesTheConfiguredKeyAndNeverPrintsIt() throws Exception {
        byte[] key = new byte[32];
        key[5] = 7;
        String base64 = Base64.getEncoder().encodeToString(key);

        ListenerConfig config = ListenerConfig.from(ConfigSource.of(Map.of(ListenerConfig.PSEUDONYM_KEY, base64)));

        assertThat(config.pseudonymKey().open(root).of("HOSP", "PAT-1", "1.2.3"))
                .isEqualTo(new PatientPseudonym(key).of("HOSP", "PAT-1", "1.2.3"));
        assertThat(config.toString()).doesNotContain(base64);
        assertThat(root.resolve(PseudonymKey.FILE)).doesNotExist();
    }

    @Test
    void refusesKeysThatAreNotBase64OrTooShort() {
        assertThatThrownBy(() -> PseudonymKey.parse(ListenerConfig.PSEUDONYM_KEY, "not base64!"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> PseudonymKey.parse(ListenerConfig.PSEUDONYM_KEY,
                Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32 bytes");
    }
}
