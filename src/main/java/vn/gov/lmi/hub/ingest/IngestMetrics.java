package vn.gov.lmi.hub.ingest;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Per-dataset ingest counters and latency. Tags are only catalog dataset ids and problem slugs, so an
 * unknown id in a URL cannot grow the number of series.
 */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String datasetId, int records, Duration took) {
        Counter.builder("lmi.records.accepted").description("Records accepted (stored or unchanged)")
                .tag("dataset", datasetId).register(registry).increment(records);
        latency(datasetId, "accepted", took);
    }

    public void rejected(String datasetId, String reason, int records, Duration took) {
        Counter.builder("lmi.records.rejected").description("Records refused, by problem type")
                .tag("dataset", datasetId).tag("reason", reason).register(registry).increment(records);
        latency(datasetId, "rejected", took);
    }

    private void latency(String datasetId, String outcome, Duration took) {
        Timer.builder("lmi.ingest.latency").description("Time to validate and store a submission")
                .tag("dataset", datasetId).tag("outcome", outcome).register(registry).record(took);
    }
}
