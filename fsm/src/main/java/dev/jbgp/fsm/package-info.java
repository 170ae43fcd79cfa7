/**
 * The BGP finite state machine of RFC 4271 section 8, as a pure function.
 *
 * <p>{@link dev.jbgp.fsm.Fsm#step} takes the {@link dev.jbgp.fsm.Session} of one peer and an
 * {@link dev.jbgp.fsm.Event} and returns a {@link dev.jbgp.fsm.Transition}: the next session
 * and the {@link dev.jbgp.fsm.Action}s to carry out, in order. Nothing here touches a socket,
 * a clock or a thread: the driver (the session handler in {@code peering}, one per peer, on
 * that peer's event loop) turns actions into I/O and timers, and what happens on the wire
 * and on the clock back into events. Timers are actions ({@code StartTimer}, {@code
 * StopTimer}) and their expiries are events ({@link dev.jbgp.fsm.Timer#expiry()}).
 *
 * <p>Driving a session, in outline:
 * <pre>{@code
 * Fsm fsm = new Fsm(new SplittableRandom());          // the jitter source, one per peer
 * Session session = Session.initial(SessionConfig.builder(64512, localId, 64512)
 *         .holdTime(90).build());
 *
 * void feed(Event event) {                             // always on the peer's event loop
 *     Transition t = fsm.step(session, event);
 *     session = t.next();
 *     for (Action action : t.actions()) {
 *         switch (action) {
 *             case Action.Connect c -> connect(c.connection());          // reports TcpCrAcked or TcpConnectionFails
 *             case Action.Close c -> channels.remove(c.connection()).close();
 *             case Action.SendOpen o -> write(o.connection(), o.open());
 *             case Action.SendKeepalive k -> write(k.connection(), Keepalive.INSTANCE);
 *             case Action.SendNotification n -> write(n.connection(), n.notification());
 *             case Action.StartTimer s -> timers.put(s.timer(), loop.schedule(
 *                     () -> feed(s.timer().expiry()), s.duration().toNanos(), NANOSECONDS));  // cancel the old one first
 *             case Action.StopTimer s -> cancel(timers.remove(s.timer()));
 *             case Action.DeliverUpdate u -> rib.offer(peer, u.update());
 *             case Action.DeliverRouteRefresh r -> rib.refresh(peer, r.request());
 *             case Action.SessionUp up -> codecs(up.connection(), up.negotiated().inbound(), up.negotiated().outbound());
 *             case Action.SessionDown down -> rib.withdrawAll(peer, down.reason());
 *             case Action.ReleaseResources r -> adjRibOut.clear();
 *         }
 *     }
 * }
 *
 * feed(new Event.AutomaticStart());                    // connects, or listens when passive
 * // accepted on port 179 from the peer's address:
 * feed(new Event.TcpConnectionConfirmed(Connection.incoming(acceptedCount++)));
 * // each decoded message:      feed(Event.received(connection, message));
 * // each decode error:         feed(Event.malformed(connection, notification));
 * // the connection closed:     feed(new Event.TcpConnectionFails(connection, "Connection reset by peer"));
 * }</pre>
 *
 * <p>A session holds at most two connections: the one in use and a second one tracked for
 * collision detection (section 6.8), either a connection that came up once the first was past
 * Connect/Active, or our own attempt that was still in progress when the peer's connection
 * came up in Connect. Every action that touches a connection names it, and an event about a
 * connection the session no longer holds changes nothing, so late reads from a closed channel
 * are harmless. The one exception is an attempt of ours that the session abandoned and that
 * completes anyway: its {@code TcpCrAcked} is answered with a {@code Close} of it.
 */
package dev.jbgp.fsm;
