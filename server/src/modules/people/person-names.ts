/**
 * People's names as a busy write's answer shows them (who handed the guests on, who took them),
 * from memory while the person is unchanged: a name changes only through updatePerson, which
 * announces `person.changed`.
 */
import type { EventMap } from '@anchang/contracts';
import { eventCache, type EventCacheSpec } from '../../platform/events/event-cache.js';
import type { Deps } from '../../platform/tx.js';
import { findPersonNames } from './people.repository.js';

const PERSON_NAMES: EventCacheSpec = {
  staleKeys: (event) => (event.type === 'person.changed' ? [(event.payload as EventMap['person.changed']).personId] : []),
};

export function personNamesOf(deps: Pick<Deps, 'db' | 'events'>, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return Promise.resolve(new Map<string, string>());
  return eventCache<string>(deps.events, PERSON_NAMES).getMany(personIds, (missing) => findPersonNames(deps.db, missing));
}
