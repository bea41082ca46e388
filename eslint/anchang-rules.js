// Local ESLint rules of the Anchang repo (issue 14: module ownership).
//
// `anchang/module-borders`, for files under server/src/modules/<module>/:
//  1. a Kysely call naming a table (selectFrom, insertInto, updateTable, deleteFrom, the joins, …, also
//     'table as alias' and arrays of tables) may name only tables that <module> owns; the owners come from
//     server/src/db/table-owners.ts (passed in as the `owners` option);
//  2. the query builder is used only in `*.repository.ts` files: a service, routes, jobs or seed file that
//     starts a query (selectFrom, insertInto, updateTable, deleteFrom, with, …) is an error.
// There are no exceptions: a module reaches another's table through the functions its index.ts exports.
import { readFileSync } from 'node:fs';

/** Calls whose first argument names a table (or several). */
const TABLE_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'crossJoin',
  'using',
  'deferInsert',
]);
/** Calls that start a query: only a repository may make them. */
const QUERY_STARTS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'with',
  'withRecursive',
  'selectNoFrom',
]);

/** The string value of a literal or a template literal without expressions, else undefined. */
function stringOf(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** The table names an argument names: 'people', 'people as p', ['a', 'b as x']. */
function tablesOf(arg) {
  const one = stringOf(arg);
  if (one !== undefined)
    return [
      {
        node: arg,
        table: one
          .trim()
          .split(/\s+as\s+/i)[0]
          .trim(),
      },
    ];
  if (arg && arg.type === 'ArrayExpression') return arg.elements.flatMap((el) => tablesOf(el));
  return [];
}

/** 'server/src/modules/<module>/<rest>' → { module, rest }, else undefined. */
function moduleOf(filename) {
  const m = /(?:^|[\\/])server[\\/]src[\\/]modules[\\/]([^\\/]+)[\\/](.+)$/.exec(filename);
  return m ? { module: m[1], rest: m[2].replace(/\\/g, '/') } : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBorders = {
  meta: {
    type: 'problem',
    docs: { description: "A module's tables are queried only by that module's repository files." },
    schema: [
      {
        type: 'object',
        properties: {
          owners: { type: 'object', additionalProperties: { type: 'string' } },
        },
        required: ['owners'],
        additionalProperties: false,
      },
    ],
    messages: {
      foreignTable:
        "Table '{{table}}' belongs to the '{{owner}}' module: '{{module}}' must not query it; call a function exported from {{ownerPath}} (issue 14).",
      queryOutsideRepository:
        "Query builder call '.{{method}}(' outside a repository file: move the query into a *.repository.ts of '{{module}}' (issue 14).",
    },
  },
  create(context) {
    const where = moduleOf(context.filename);
    if (!where) return {};
    const { owners } = context.options[0] ?? { owners: {} };
    const isRepository = /\.repository\.ts$/.test(where.rest);
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        const first = node.arguments[0];
        if (QUERY_STARTS.has(method) && !isRepository) {
          // `[].with(index, value)` is the array method; Kysely's `with` names its expression by a string.
          const looksLikeKysely = method === 'with' || method === 'withRecursive' ? stringOf(first) !== undefined : true;
          if (looksLikeKysely) {
            context.report({ node: callee.property, messageId: 'queryOutsideRepository', data: { method, module: where.module } });
          }
        }
        if (!TABLE_METHODS.has(method)) return;
        for (const { node: at, table } of tablesOf(first)) {
          const owner = owners[table];
          if (owner === undefined || owner === where.module) continue;
          context.report({
            node: at,
            messageId: 'foreignTable',
            data: { table, owner, module: where.module, ownerPath: owner === 'platform' ? 'server/src/platform' : `modules/${owner}/index.ts` },
          });
        }
      },
    };
  },
};

/** The owners map of server/src/db/table-owners.ts, read as text (the config is plain JS; the map is TS). */
export function readTableOwners(path) {
  const src = readFileSync(path, 'utf8');
  const body = /export const TABLE_OWNERS = \{([\s\S]*?)\n\}/.exec(src)?.[1];
  if (!body) throw new Error(`no TABLE_OWNERS in ${path}`);
  const owners = {};
  for (const m of body.matchAll(/^\s*([a-z_]+):\s*'([a-z-]+)',?\s*$/gm)) owners[m[1]] = m[2];
  if (Object.keys(owners).length === 0) throw new Error(`TABLE_OWNERS in ${path} is empty`);
  return owners;
}

export default { meta: { name: 'anchang' }, rules: { 'module-borders': moduleBorders } };
