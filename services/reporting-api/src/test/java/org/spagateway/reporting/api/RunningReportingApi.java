package org.spagateway.reporting.api;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionLedger;

/** The reporting-system side started on a Camel context of its own, as a standalone deployment runs it. */
record RunningReportingApi(ReportingApi api, CamelServices services) implements AutoCloseable {

    static RunningReportingApi start(KafkaConfig kafka, SessionLedger ledger, ChoiceApiConfig choices,
                                     NotificationConfig notifications) {
        ReportingApi api = new ReportingApi(ledger, choices, notifications, new EventCodec(), Clock.systemUTC());
        return new RunningReportingApi(api, CamelServices.start("spa-reporting", kafka, List.of(api)));
    }

    Optional<String> choiceApiUri() {
        return api.choiceApiUri();
    }

    @Override
    public void close() {
        services.close();
    }
}
