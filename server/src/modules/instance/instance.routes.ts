import { InstanceInfo, Me, SetupBody } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import { startSession, type AuthDeps } from '../auth/index.js';
import { getInstanceInfo, runFirstSetup } from './instance.service.js';

/** Public: what every screen needs before anyone signs in. */
export function registerInstanceRoutes(app: App, deps: AuthDeps): void {
  app.get(
    '/instance',
    {
      schema: {
        tags: ['instance'],
        summary: 'Whether the first-run setup is still open, and whether this database holds the demo',
        security: [],
        response: { 200: InstanceInfo },
      },
    },
    () => getInstanceInfo(deps),
  );
  app.post(
    '/setup',
    {
      schema: {
        tags: ['instance'],
        summary:
          'First-run setup: the company, its first site and its first company admin, who is signed in. Only while no company exists (409 SETUP_ALREADY_DONE after).',
        security: [],
        body: SetupBody,
        response: { 201: Me },
      },
    },
    async (req, reply) => {
      const { companyId, admin } = await runFirstSetup(deps, req.body, String(req.id));
      const me = await startSession(deps, req, reply, { id: admin.id, name: admin.name, companyId, isCompanyAdmin: true });
      return reply.status(201).send(me);
    },
  );
}
