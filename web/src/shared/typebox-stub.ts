/**
 * What `@sinclair/typebox` is in the browser build (vite.config.ts aliases it here). The contracts
 * build their TypeBox schemas at module level for the server's validation; the web imports the
 * contracts for their types, constants and rules and never reads a schema (nothing under web/src
 * touches `.properties`, `.enum` or `Value`). Real TypeBox would still ship whole (about 12 kB
 * gzipped on every phone's first page): any use of its `Type` namespace keeps all of it.
 *
 * Here every builder returns an inert stand-in that survives what the contracts do with schemas
 * while building others (read a property, spread, iterate, call), and is never used after.
 */
const inert: unknown = new Proxy(function inertSchema() {}, {
  get: (_target, key) => (key === Symbol.iterator ? function* empty() {} : key === Symbol.toPrimitive ? () => '' : inert),
  apply: () => inert,
  construct: () => inert as object,
  ownKeys: () => ['prototype'],
  getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(target, key),
});

export const Type = inert;
export const Kind = Symbol.for('TypeBox.Kind');
