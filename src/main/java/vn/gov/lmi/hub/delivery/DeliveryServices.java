package vn.gov.lmi.hub.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.catalog.HubSchemaFactory;
import vn.gov.lmi.hub.partners.FieldRestrictions;
import vn.gov.lmi.hub.partners.PartnerRegistry;
import vn.gov.lmi.hub.store.GroupCommit;
import vn.gov.lmi.hub.system.HubProperties;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.RecordKeyTokens;

/** What every {@link Deliverer} shares: the hub's registry, catalog, signer, archive, logs and metrics. */
@Component
public class DeliveryServices {

    private final PartnerRegistry registry;
    private final DatasetCatalog catalog;
    private final FieldRestrictions restrictions;
    private final HubSigner signer;
    private final ObjectMapper json;
    private final DeliveryArchive archive;
    private final DeadLetters deadLetters;
    private final MessageLog messageLog;
    private final DeliveryMetrics metrics;
    private final DeliveryPauses pauses;
    private final HubSchemaFactory schemas;
    private final RecordKeyTokens keyTokens;
    private final GroupCommit commits;

    public DeliveryServices(PartnerRegistry registry, DatasetCatalog catalog, FieldRestrictions restrictions,
                            HubSigner signer, ObjectMapper json, DeliveryArchive archive, DeadLetters deadLetters,
                            MessageLog messageLog, DeliveryMetrics metrics, DeliveryPauses pauses,
                            HubProperties properties, RecordKeyTokens keyTokens, GroupCommit commits) {
        this.keyTokens = keyTokens;
        this.commits = commits;
        this.registry = registry;
        this.catalog = catalog;
        this.restrictions = restrictions;
        this.signer = signer;
        this.json = json;
        this.archive = archive;
        this.deadLetters = deadLetters;
        this.messageLog = messageLog;
        this.metrics = metrics;
        this.pauses = pauses;
        this.schemas = HubSchemaFactory.forSchemasDir(properties.schemasDir());
    }

    PartnerRegistry registry() {
        return registry;
    }

    DatasetCatalog catalog() {
        return catalog;
    }

    FieldRestrictions restrictions() {
        return restrictions;
    }

    HubSigner signer() {
        return signer;
    }

    ObjectMapper json() {
        return json;
    }

    DeliveryArchive archive() {
        return archive;
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }

    MessageLog messageLog() {
        return messageLog;
    }

    DeliveryMetrics metrics() {
        return metrics;
    }

    DeliveryPauses pauses() {
        return pauses;
    }

    RecordKeyTokens keyTokens() {
        return keyTokens;
    }

    GroupCommit commits() {
        return commits;
    }

    HubSchemaFactory schemas() {
        return schemas;
    }
}
