package vn.gov.lmi.hub.routes;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.PartnerRegistry;
import vn.gov.lmi.hub.system.HubProperties;

/** Route files in the running hub are judged against the live partner registry and dataset catalog. */
@Configuration(proxyBeanMethods = false)
public class LiveRouteEnvironment {

    @Bean
    TemplateCatalog templateCatalog() {
        return TemplateCatalog.load();
    }

    @Bean
    RouteEnvironment routeEnvironment(PartnerRegistry registry, DatasetCatalog catalog, HubProperties properties) {
        return new RouteEnvironment() {
            @Override
            public Path routesDir() {
                return properties.routesDir();
            }

            @Override
            public Optional<Partner> partner(String id) {
                return registry.find(id);
            }

            @Override
            public boolean hasDataset(String id) {
                return catalog.find(id).isPresent();
            }

            @Override
            public boolean allowPlainHttp() {
                return properties.events().allowPlainHttpDelivery();
            }
        };
    }
}
