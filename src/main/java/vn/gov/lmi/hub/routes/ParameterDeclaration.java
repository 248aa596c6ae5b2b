package vn.gov.lmi.hub.routes;

/**
 * One parameter of a route template: its type, whether a route must give it, its default, what it means.
 *
 * @param defaultValue the value when a route leaves it out; null when there is none
 */
public record ParameterDeclaration(String name, ParameterType type, boolean required, String defaultValue,
                                   String description) {
}
