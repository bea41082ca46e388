import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TABLE_OWNERS } from './table-owners.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The table names of `interface DB` in schema.ts, read from the source so a new table cannot slip by. */
function schemaTables(): string[] {
  const src = readFileSync(here('./schema.ts'), 'utf8');
  const body = /export interface DB \{([\s\S]*?)\n\}/.exec(src)?.[1] ?? '';
  return [...body.matchAll(/^\s+([a-z_]+):\s*[A-Z]\w*Table;/gm)].map((m) => m[1]!);
}

describe('table ownership map', () => {
  it('gives every table of the schema exactly one owner, and names no other table', () => {
    const tables = schemaTables();
    expect(tables.length).toBeGreaterThan(50);
    expect(new Set(tables).size).toBe(tables.length);
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...tables].sort());
  });

  it('names an existing module folder (or the platform) as each owner', () => {
    for (const [table, owner] of Object.entries(TABLE_OWNERS)) {
      const dir = owner === 'platform' ? here('../platform') : here(`../modules/${owner}`);
      expect(existsSync(dir) && statSync(dir).isDirectory(), `${table} → ${owner}`).toBe(true);
      if (owner !== 'platform') expect(existsSync(`${dir}/index.ts`), `${owner}/index.ts`).toBe(true);
    }
  });
});
