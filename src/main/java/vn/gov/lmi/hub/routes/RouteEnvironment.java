package vn.gov.lmi.hub.routes;

import java.nio.file.Path;
import java.util.Optional;

import vn.gov.lmi.hub.partners.Partner;

/**
 * What route files refer to: partners, datasets, files under {@code routes/}. In the running hub, the live
 * registry and catalog; for {@code routes validate}, the registry file and catalog beside the files checked.
 */
public interface RouteEnvironment {

    Path routesDir();

    Optional<Partner> partner(String id);

    boolean hasDataset(String id);

    /** Whether plain http partner URLs are allowed ({@code hub.events.allow-plain-http-delivery}). */
    boolean allowPlainHttp();
}
