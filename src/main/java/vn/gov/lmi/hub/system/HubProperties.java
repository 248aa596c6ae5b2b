package vn.gov.lmi.hub.system;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The hub's own settings; each key is documented next to its default in {@code application.yaml}. */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @NotNull Path home,
        @NotNull Path installDir,
        @NotNull Path schemasDir,
        @Valid @NotNull Api api,
        @Valid @NotNull Events events) {

    public record Api(
            @Min(1) int maxBatchRecords,
            @Min(1024) long maxBodyBytes,
            @Min(1) int defaultPageSize,
            @Min(1) int maxPageSize) {
    }

    public record Events(
            @NotNull String addressPrefix,
            @NotNull Duration relayInterval,
            @Min(1) int relayBatchSize,
            boolean relayEnabled) {
    }
}
