// RuleTester cases of anchang/module-borders: each failing case is the rule failing on purpose.
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { moduleBorders, readTableOwners } from './anchang-rules.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const owners = { people: 'people', post_assignments: 'people', posts: 'posts', shuttle_trips: 'shuttle', timers: 'platform' };
const options = [{ owners }];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const foreign = (table, owner, module) => ({
  messageId: 'foreignTable',
  data: { table, owner, module, ownerPath: owner === 'platform' ? 'server/src/platform' : `modules/${owner}/index.ts` },
});

tester.run('module-borders', moduleBorders, {
  valid: [
    // A repository querying its own module's tables, with and without an alias.
    { filename: 'server/src/modules/shuttle/shuttle.repository.ts', code: "db.selectFrom('shuttle_trips as t').selectAll().execute();", options },
    {
      filename: 'server/src/modules/people/people.repository.ts',
      code: "db.selectFrom('people').innerJoin('post_assignments as pa', 'pa.person_id', 'people.id');",
      options,
    },
    // A service calling the owner's exported function.
    { filename: 'server/src/modules/shuttle/shuttle.service.ts', code: 'await peopleApi.driversOnDuty(db, siteId);', options },
    // Array.prototype.with is not a query.
    { filename: 'server/src/modules/shuttle/shuttle.service.ts', code: 'const next = list.with(0, x);', options },
    // Outside server/src/modules the rule has nothing to say.
    { filename: 'server/src/db/seed/demo.ts', code: "db.insertInto('people').values(row);", options },
  ],
  invalid: [
    {
      filename: 'server/src/modules/shuttle/shuttle.repository.ts',
      code: "db.selectFrom('shuttle_trips as t').innerJoin('people as p', 'p.id', 't.driver_id').leftJoin(`post_assignments`, 'x', 'y');",
      options,
      errors: [foreign('people', 'people', 'shuttle'), foreign('post_assignments', 'people', 'shuttle')],
    },
    {
      filename: 'server/src/modules/shuttle/shuttle.repository.ts',
      code: "db.selectFrom(['posts', 'shuttle_trips']).selectAll();",
      options,
      errors: [foreign('posts', 'posts', 'shuttle')],
    },
    {
      filename: 'server/src/modules/rounds/rounds.seed.ts',
      code: "await db.insertInto('timers').values(row).execute();",
      options,
      errors: [{ messageId: 'queryOutsideRepository', data: { method: 'insertInto', module: 'rounds' } }, foreign('timers', 'platform', 'rounds')],
    },
    {
      filename: 'server/src/modules/shuttle/shuttle.service.ts',
      code: "await tx.trx.updateTable('shuttle_trips').set(p).execute(); db.with('recent', (q) => q).selectFrom('recent');",
      options,
      errors: [
        { messageId: 'queryOutsideRepository', data: { method: 'updateTable', module: 'shuttle' } },
        { messageId: 'queryOutsideRepository', data: { method: 'with', module: 'shuttle' } },
        { messageId: 'queryOutsideRepository', data: { method: 'selectFrom', module: 'shuttle' } },
      ],
    },
    {
      filename: 'server/src/modules/shuttle/shuttle.service.ts',
      code: "tx.deferInsert('people', row);",
      options,
      errors: [foreign('people', 'people', 'shuttle')],
    },
  ],
});

describe('readTableOwners', () => {
  it('reads the map of server/src/db/table-owners.ts', () => {
    const map = readTableOwners(new URL('../server/src/db/table-owners.ts', import.meta.url));
    if (map.people !== 'people' || map.post_assignments !== 'people' || map.timers !== 'platform') throw new Error(JSON.stringify(map));
  });
});
