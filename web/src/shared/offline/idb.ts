/**
 * The phone's own storage for what must survive a reload without signal: the outbox of writes
 * not yet sent and the last answers of the staff app's queries. A few promise wrappers over
 * IndexedDB (which stores photos as bytes, unlike localStorage); no library needed.
 *
 * Where IndexedDB is missing or refused (some private modes), an in-memory map stands in, so
 * the app still works and only loses the survival across reloads.
 */
const DB_NAME = 'anchang-staff';
const DB_VERSION = 1;

export type StoreName = 'outbox' | 'queries';
const STORE_NAMES: readonly StoreName[] = ['outbox', 'queries'];

/** Every record carries its own key. */
export interface Keyed {
  key: string;
}

let opening: Promise<IDBDatabase | null> | null = null;
const memory = new Map<StoreName, Map<string, Keyed>>(STORE_NAMES.map((name) => [name, new Map()]));

function openDb(): Promise<IDBDatabase | null> {
  opening ??= new Promise<IDBDatabase | null>((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, DB_VERSION);
    } catch {
      return resolve(null);
    }
    request.onupgradeneeded = () => {
      for (const name of STORE_NAMES) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name, { keyPath: 'key' });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the app in another tab wants to upgrade: let it, and reopen next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      console.warn('IndexedDB unavailable; offline records last only for this tab', request.error);
      resolve(null);
    };
    request.onblocked = () => resolve(null);
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function idbGetAll<T extends Keyed>(store: StoreName): Promise<T[]> {
  const db = await openDb();
  if (!db) return [...(memory.get(store)?.values() ?? [])] as T[];
  const tx = db.transaction(store, 'readonly');
  const request = tx.objectStore(store).getAll();
  await done(tx);
  return request.result as T[];
}

/** Writes all records in one transaction: resolves once they are on disk, or rejects. */
export async function idbPut<T extends Keyed>(store: StoreName, records: readonly T[]): Promise<void> {
  const db = await openDb();
  if (!db) {
    for (const record of records) memory.get(store)?.set(record.key, structuredClone(record));
    return;
  }
  const tx = db.transaction(store, 'readwrite');
  for (const record of records) tx.objectStore(store).put(record);
  await done(tx);
}

export async function idbDelete(store: StoreName, keys: readonly string[]): Promise<void> {
  const db = await openDb();
  if (!db) {
    for (const key of keys) memory.get(store)?.delete(key);
    return;
  }
  const tx = db.transaction(store, 'readwrite');
  for (const key of keys) tx.objectStore(store).delete(key);
  await done(tx);
}

export async function idbClear(store: StoreName): Promise<void> {
  const db = await openDb();
  if (!db) {
    memory.get(store)?.clear();
    return;
  }
  const tx = db.transaction(store, 'readwrite');
  tx.objectStore(store).clear();
  await done(tx);
}
