package org.spagateway.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LedgerFailurePolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "28P01", "40001", "40P01", "42501", "53300", "57P01", "57P03", "90020",
            "90028", "90098", "HYT00"})
    void aDatabaseThatIsDownRefusesUsOrIsBusyIsUnavailable(String state) {
        assertThat(LedgerFailurePolicy.permanent(new SQLException("x", state))).as(state).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"22001", "22P02", "23502", "23503", "23505"})
    void aValueOrRowTheDatabaseRefusesForGoodIsPermanent(String state) {
        assertThat(LedgerFailurePolicy.permanent(new SQLException("x", state))).as(state).isTrue();
    }

    @Test
    void aPoolTimeoutOrATransientFailureIsUnavailableWhateverItsState() {
        assertThat(LedgerFailurePolicy.permanent(new SQLTransientConnectionException("pool timed out"))).isFalse();
        assertThat(LedgerFailurePolicy.permanent(new SQLTransientException("migration", "23505"))).isFalse();
        assertThat(LedgerFailurePolicy.permanent(new SQLException("no state"))).isFalse();
    }

    @Test
    void recognisesADuplicateKey() {
        assertThat(LedgerFailurePolicy.uniqueViolation(new SQLException("dup", "23505"))).isTrue();
        assertThat(LedgerFailurePolicy.uniqueViolation(new SQLException("fk", "23503"))).isFalse();
    }
}
