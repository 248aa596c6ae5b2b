package vn.gov.lmi.hub.system;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.store.RecordStore;

/**
 * Gives every catalog dataset its change-sequence row once all beans exist (after the migrations), which is
 * before the web server starts: no request can reach a dataset that the store does not know yet.
 */
@Component
class CatalogRegistration implements SmartInitializingSingleton {

    private final DatasetCatalog catalog;
    private final RecordStore store;

    CatalogRegistration(DatasetCatalog catalog, RecordStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Dataset dataset : catalog.all()) {
            store.registerDataset(dataset.id());
        }
    }
}
