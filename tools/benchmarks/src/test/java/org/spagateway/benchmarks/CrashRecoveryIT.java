package org.spagateway.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test's short form, for CI: the all-in-one gateway killed with SIGKILL twice while four studies and their
 * choices flow (scripts/crash-test.sh runs the long form). Nothing storescu saw stored or the API accepted is lost,
 * nothing is done twice, the outbox is empty at the end.
 */
class CrashRecoveryIT {

    /** Kept when the test fails: the gateway's logs of each start are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void killingTheGatewayTwiceLosesAndDoublesNothing() throws Exception {
        CrashTest test = new CrashTest();
        test.studies = 4;
        test.kills = 2;
        test.minUptime = 4;
        test.maxUptime = 12;
        test.models = Path.of(System.getProperty("spa.models.dir", "../../models"));
        test.work = work;
        test.finishTimeout = 300;

        CrashTestVerdict verdict = test.run();
        System.out.println(verdict.report());

        assertThat(verdict.violations()).as(verdict.report()).isEmpty();
        assertThat(verdict.counts()).as(verdict.report())
                .containsEntry("kills (SIGKILL)", 2L)
                .containsEntry("studies storescu saw stored", 4L)
                .containsEntry("sessions approved", 4L)
                .containsEntry("events left in the outbox", 0L);
    }
}
