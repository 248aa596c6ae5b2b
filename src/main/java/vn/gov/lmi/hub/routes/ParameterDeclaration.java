package vn.gov.lmi.hub.routes;

import java.util.List;

/**
 * One parameter of a route template: its type, whether a route must give it, its default, what it means.
 *
 * @param defaultValue the value when a route leaves it out; null when there is none
 * @param min          the smallest value allowed (integer, number, duration), or null
 * @param max          the largest value allowed (integer, number), or null
 * @param requires     other parameters that must be given when this one is
 */
public record ParameterDeclaration(String name, ParameterType type, boolean required, String defaultValue,
                                   String description, String min, String max, List<String> requires) {
}
