package org.spagateway.inference.worker.sources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FetchStatusTest {

    @Test
    void readsTheBodyOnlyOfA200() {
        assertThat(FetchStatus.of(200)).isEqualTo(FetchStatus.OK);
        assertThat(FetchStatus.of(204)).isEqualTo(FetchStatus.REFUSED);
    }

    @Test
    void countsAnInstanceTheEdgeDoesNotHoldAsMissing() {
        assertThat(FetchStatus.of(404)).isEqualTo(FetchStatus.MISSING);
        assertThat(FetchStatus.of(410)).isEqualTo(FetchStatus.MISSING);
    }

    @Test
    void waitsForAnEdgeThatIsDownOverloadedOrRefusingTheWorkersCredentials() {
        for (int status : new int[] {500, 502, 503, 504, 408, 429, 401, 403}) {
            assertThat(FetchStatus.of(status)).as("HTTP %d", status).isEqualTo(FetchStatus.RETRY);
        }
    }

    @Test
    void refusesForGoodWhatTheEdgeCallsAWrongRequest() {
        for (int status : new int[] {400, 405, 406, 301, 302}) {
            assertThat(FetchStatus.of(status)).as("HTTP %d", status).isEqualTo(FetchStatus.REFUSED);
        }
    }
}
