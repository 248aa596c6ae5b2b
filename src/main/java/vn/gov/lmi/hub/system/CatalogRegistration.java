package vn.gov.lmi.hub.system;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.store.RecordStore;

/** Gives every catalog dataset its change-sequence row before the first request can arrive. */
@Component
class CatalogRegistration {

    private final DatasetCatalog catalog;
    private final RecordStore store;

    CatalogRegistration(DatasetCatalog catalog, RecordStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @EventListener(ApplicationStartedEvent.class)
    void registerDatasets() {
        for (Dataset dataset : catalog.all()) {
            store.registerDataset(dataset.id());
        }
    }
}
