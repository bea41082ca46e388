/**
 * Every feature's outbox kinds, loaded lazily by the sender: a write stored by a screen not
 * opened since the reload is still sent. Each feature registers its own from its own folder.
 */
export const loadOutboxKinds = () =>
  Promise.all([
    import('../../shared/offline/photo-outbox'),
    import('../../features/shift/outbox-kinds'),
    import('../../features/visits/outbox-kinds'),
    import('../../features/patrols/outbox-kinds'),
    import('../../features/incidents/outbox-kinds'),
    import('../../features/supplies/outbox-kinds'),
    import('../../features/rounds/outbox-kinds'),
    import('../../features/model-room-inventory/outbox-kinds'),
    import('../../features/equipment/outbox-kinds'),
    import('../../features/lost-found/outbox-kinds'),
    import('../../features/repairs/outbox-kinds'),
    import('../../features/handovers/outbox-kinds'),
  ]);
