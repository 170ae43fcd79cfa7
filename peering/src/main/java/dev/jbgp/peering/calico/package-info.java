/**
 * What Calico's resources mean for one node, worked out as Calico's confd works it out for
 * BIRD: {@link dev.jbgp.peering.calico.CalicoPlanner#plan} turns
 * {@link dev.jbgp.peering.config.Resources} into a {@link dev.jbgp.peering.calico.CalicoPlan}
 * (peers, export, import and kernel rules, blocks to announce), a pure function. Calico's label
 * selectors are in {@link dev.jbgp.peering.calico.Selector}.
 */
package dev.jbgp.peering.calico;
