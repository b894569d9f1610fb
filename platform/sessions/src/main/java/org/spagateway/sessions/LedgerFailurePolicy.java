package org.spagateway.sessions;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Which failures of the ledger's database are the database being unavailable (retry with back-off without limit) and
 * which are permanent (a statement the database will refuse however often it is sent). SQLSTATE classes (ISO/IEC
 * 9075-2, PostgreSQL Appendix A): only class 22 (data exception: a value that does not fit its column) and class 23
 * (integrity constraint violation, other than the primary-key conflicts the ledger expects and handles) are
 * permanent. Everything else, including a connection that cannot be opened (08), a wrong password (28), a missing
 * grant (42501), a server shutting down (57) or a serialization failure (40), is a dependency that is down or
 * misconfigured: retried, so that no choice or round is dead-lettered while an operator fixes the database. A failure
 * without an SQLSTATE (the pool timing out) counts as unavailable too.
 */
final class LedgerFailurePolicy {

    /** Duplicate key: another writer recorded the same key between our check and our insert. */
    static final String UNIQUE_VIOLATION = "23505";

    private LedgerFailurePolicy() {
    }

    static boolean permanent(SQLException failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException) {
            return false;
        }
        String state = failure.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    static boolean uniqueViolation(SQLException failure) {
        return UNIQUE_VIOLATION.equals(failure.getSQLState());
    }

    /** A message that names the operation and the database's verdict without any statement parameter. */
    static String describe(String operation, SQLException failure) {
        return "session ledger: " + operation + " failed (SQLSTATE " + failure.getSQLState() + ", "
                + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")";
    }
}
