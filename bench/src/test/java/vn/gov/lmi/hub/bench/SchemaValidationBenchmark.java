package vn.gov.lmi.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.catalog.RecordValidator;

/**
 * Baseline: records validated per second by the hub's own validator (JSON Schema with formats, code lists and
 * the dataset's cross-field rules), for each dataset, on its first valid example from schemas/examples.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SchemaValidationBenchmark {

    @Param({"dossier-status", "job-vacancy", "labor-demand-employer", "labor-supply-person", "labor-market-statistics",
            "employer-labor-change", "foreign-worker"})
    public String dataset;

    private final RecordValidator validator = new RecordValidator();
    private Dataset descriptor;
    private JsonNode record;

    @Setup
    public void setUp() throws IOException {
        Path schemas = Path.of(System.getProperty("bench.schemas", "schemas"));
        ObjectMapper json = new ObjectMapper();
        descriptor = new DatasetCatalog(schemas, json).find(dataset).orElseThrow();
        try (Stream<Path> examples = Files.list(schemas.resolve("examples").resolve(dataset))) {
            Path first = examples.filter(f -> f.getFileName().toString().startsWith("valid-")).sorted().findFirst().orElseThrow();
            record = json.readTree(first.toFile());
        }
        if (!validator.validate(descriptor, record, 0).valid()) {
            throw new IllegalStateException("the example of " + dataset + " is not valid");
        }
    }

    @Benchmark
    public Object validate() {
        return validator.validate(descriptor, record, 0);
    }
}
