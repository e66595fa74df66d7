/**
 * Bounces: what comes back after a message left. {@link org.rundbrief.bounce.Verp} gives every
 * message its own signed envelope sender ({@code bounce.address}), so a delivery report names the
 * delivery or transactional mail it is about, and a forged one names nothing.
 */
package org.rundbrief.bounce;
