// Exceptions to anchang/module-borders (issue 14): queries still outside their owner's repository, each
// with the reason it is still there. Shrink this list; do not grow it.
// `file` is relative to server/src/modules; `tables` are the foreign tables allowed there; `queryBuilder`
// allows the query builder in a file that is not a *.repository.ts.

/** @type {{ file: string, tables?: string[], queryBuilder?: boolean, reason: string }[]} */
export const borderExceptions = [
  { file: 'auth/auth.repository.ts', tables: ['people', 'companies', 'sites', 'post_assignments', 'posts'], reason: 'TODO(issue 14): not moved yet' },
  {
    file: 'checkpoints/checkpoints.repository.ts',
    tables: ['patrol_route_stops', 'patrol_round_checks', 'round_schedules', 'round_slots', 'patrol_routes', 'patrol_schedules'],
    reason: 'TODO(issue 14): not moved yet',
  },
  { file: 'equipment/equipment.repository.ts', tables: ['work_orders'], reason: 'TODO(issue 14): not moved yet' },
  { file: 'equipment/equipment.seed.ts', queryBuilder: true, reason: 'TODO(issue 14): not moved yet' },
  { file: 'hall/hall.repository.ts', tables: ['visits'], reason: 'TODO(issue 14): not moved yet' },
  { file: 'model-room-inventory/model-room.repository.ts', tables: ['zones'], reason: 'TODO(issue 14): not moved yet' },
  {
    file: 'patrols/patrols.repository.ts',
    tables: ['checkpoints', 'zones', 'checkpoint_scans', 'post_assignments', 'posts', 'site_members', 'sites'],
    reason: 'TODO(issue 14): not moved yet',
  },
  { file: 'patrols/patrols.seed.ts', tables: ['checkpoints', 'timers'], queryBuilder: true, reason: 'TODO(issue 14): not moved yet' },
  {
    file: 'patrols/patrols.service.ts',
    tables: ['checkpoints', 'notifications', 'sites'],
    queryBuilder: true,
    reason: 'TODO(issue 14): not moved yet',
  },
  { file: 'people/people.repository.ts', tables: ['posts'], reason: 'TODO(issue 14): not moved yet' },
  { file: 'photos/photos.repository.ts', tables: ['checklist_results', 'anomalies'], reason: 'TODO(issue 14): not moved yet' },
  { file: 'posts/posts.repository.ts', tables: ['post_assignments'], reason: 'TODO(issue 14): not moved yet' },
  { file: 'repairs/checks.service.ts', queryBuilder: true, reason: 'TODO(issue 14): not moved yet' },
  {
    file: 'repairs/repairs.repository.ts',
    tables: ['post_assignments', 'posts', 'site_members', 'checkpoints'],
    reason: 'TODO(issue 14): not moved yet',
  },
  { file: 'repairs/repairs.service.ts', tables: ['notifications', 'anomalies'], queryBuilder: true, reason: 'TODO(issue 14): not moved yet' },
  { file: 'rosters/rosters.repository.ts', tables: ['shifts'], reason: 'TODO(issue 14): not moved yet' },
  {
    file: 'rounds/rounds.repository.ts',
    tables: ['checkpoint_scans', 'checkpoints', 'post_assignments', 'posts', 'site_members'],
    reason: 'TODO(issue 14): not moved yet',
  },
  { file: 'rounds/rounds.seed.ts', tables: ['checkpoints', 'timers'], queryBuilder: true, reason: 'TODO(issue 14): not moved yet' },
  { file: 'rounds/rounds.service.ts', tables: ['notifications'], reason: 'TODO(issue 14): not moved yet' },
  {
    file: 'shuttle/shuttle.repository.ts',
    tables: ['visits', 'site_members', 'people', 'post_assignments', 'posts'],
    reason: 'TODO(issue 14): not moved yet',
  },
  { file: 'supplies/supplies.repository.ts', tables: ['site_members', 'requisitions'], reason: 'TODO(issue 14): not moved yet' },
  { file: 'supplies/supplies.seed.ts', tables: ['zones', 'model_room_items'], queryBuilder: true, reason: 'TODO(issue 14): not moved yet' },
  { file: 'supplies/supplies.service.ts', tables: ['notifications'], queryBuilder: true, reason: 'TODO(issue 14): not moved yet' },
  { file: 'visits/visits.repository.ts', tables: ['zones', 'post_assignments', 'posts'], reason: 'TODO(issue 14): not moved yet' },
  { file: 'zones/zones.repository.ts', tables: ['posts'], reason: 'TODO(issue 14): not moved yet' },
];
