package vn.gov.lmi.hub.system;

import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** The hub's own settings; each key is documented next to its default in {@code application.yaml}. */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @NotNull Path home,
        @NotNull Path installDir,
        @NotNull Path schemasDir,
        @NotNull Path routesDir,
        @Valid @NotNull Api api,
        @Valid @NotNull Events events,
        @Valid @NotNull Trust trust,
        @Valid @NotNull Audit audit) {

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
            boolean relayEnabled,
            boolean allowPlainHttpDelivery,
            @NotNull DataSize brokerMemory) {
    }

    /**
     * Who is trusted: the partner registry, the CA certificates partners' chains must end in, the CRLs that say
     * which are revoked, and the hub's own signing key.
     */
    public record Trust(
            @NotNull Path partnersFile,
            @NotEmpty List<Path> anchors,
            @NotNull List<Path> crls,
            @NotNull Duration reloadInterval,
            @Min(2048) int minRsaBits,
            @Valid @NotNull Signing signing,
            @Valid @NotNull Signing client) {
    }

    public record Signing(@NotNull Path certificate, @NotNull Path privateKey) {
    }

    public record Audit(@Valid @NotNull Timestamping timestamping, @NotNull Path exportsDir) {
    }

    /** Optional RFC 3161 time-stamping of the message log's chain head. */
    public record Timestamping(
            boolean enabled,
            URI tsaUrl,
            @NotNull Duration interval,
            @NotNull Duration gracePeriod) {
    }
}
