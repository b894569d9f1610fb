package org.spagateway.inference.worker.sources;

/**
 * What the HTTP status of a source fetch means for the request (the worker's failure policy, docs/reliability.md):
 * the edge being down or overloaded passes and is waited for; an instance the edge does not have is permanent.
 */
enum FetchStatus {
    /** 200: the body is the instance. */
    OK,
    /** 404 and 410: the edge does not hold the instance; the request is dead-lettered with SOURCE_MISSING. */
    MISSING,
    /**
     * 5xx, 408, 429: the edge is down, restarting or overloaded; 401 and 403: the edge refuses this worker's
     * credentials, which an operator fixes (a certificate to renew or to trust) without the request being wrong. Both
     * are retried with back-off without limit and never dead-lettered.
     */
    RETRY,
    /** Any other status: the request itself is wrong for the edge; permanent (SOURCE_UNREADABLE). */
    REFUSED;

    static FetchStatus of(int status) {
        if (status == 200) {
            return OK;
        }
        if (status == 404 || status == 410) {
            return MISSING;
        }
        if (status >= 500 || status == 408 || status == 429 || status == 401 || status == 403) {
            return RETRY;
        }
        return REFUSED;
    }
}
