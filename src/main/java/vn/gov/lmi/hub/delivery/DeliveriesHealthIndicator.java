package vn.gov.lmi.hub.delivery;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.routes.RouteFiles;

/**
 * {@code /actuator/health} component {@code deliveries}: always UP (one partner being down is not the hub being
 * down, and it is not part of readiness), with each endpoint's circuit state, the open ones, and route files
 * that were refused with their reason.
 */
@Component("deliveries")
public class DeliveriesHealthIndicator implements HealthIndicator {

    private final DeliveryEndpoints endpoints;
    private final RouteFiles routeFiles;

    public DeliveriesHealthIndicator(DeliveryEndpoints endpoints, RouteFiles routeFiles) {
        this.endpoints = endpoints;
        this.routeFiles = routeFiles;
    }

    @Override
    public Health health() {
        Map<String, String> circuits = new TreeMap<>();
        endpoints.all().forEach(d -> circuits.put(d.endpoint().id(), d.circuit().getState().name()));
        return Health.up()
                .withDetail("endpoints", circuits)
                .withDetail("openCircuits", circuits.entrySet().stream()
                        .filter(e -> !e.getValue().equals("CLOSED")).map(Map.Entry::getKey).toList())
                .withDetail("routeFilesRefused", routeFiles.failures())
                .build();
    }
}
