/**
 * XML from outside, read safely: hardened parsing (no DTD, entities, XInclude; size and depth limits) and
 * XML-DSig verification under the hub's algorithm policy, returning exactly the elements a signature covers.
 */
package vn.gov.lmi.hub.xml;
