/**
 * Calico's resources as jbgp reads them: records for the {@code projectcalico.org/v3} kinds
 * BGPConfiguration, Node, BGPPeer, IPPool and IPAMBlock (and {@code v1} Secret for passwords),
 * with Calico's field names; {@link dev.jbgp.peering.config.ResourceLoader} reads them from
 * multi-document YAML and reports every bad field by kind, resource, field and value;
 * {@link dev.jbgp.peering.config.ConfigWatcher} follows a file as it changes.
 */
package dev.jbgp.peering.config;
