import { ChangePasswordBody, LoginBody, Me } from '@anchang/contracts';
import type { App } from '../../platform/http/types.js';
import { changePassword, getMe, login, logout, type AuthDeps } from './auth.service.js';

/** Routes reachable without a session. */
export function registerPublicAuthRoutes(app: App, deps: AuthDeps): void {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie (limited per account and per address)',
        body: LoginBody,
        response: { 200: Me },
      },
      config: { rateLimit: deps.loginLimits.addressLimit() },
    },
    (req, reply) => login(deps, req, reply, req.body),
  );
}

export function registerAuthRoutes(app: App, deps: AuthDeps): void {
  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'Who I am, my sites and posts', response: { 200: Me } } }, (req) =>
    getMe(deps, req.actor),
  );
  app.post(
    '/auth/logout',
    { schema: { summary: 'Sign out, ending this session', tags: ['auth'], response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await logout(deps, req, reply, req.actor);
      return reply.status(204).send();
    },
  );
  app.post(
    '/auth/password',
    { schema: { tags: ['auth'], summary: 'Change my password', body: ChangePasswordBody, response: { 204: { type: 'null' } } } },
    async (req, reply) => {
      await changePassword(deps, req.actor, req.body);
      return reply.status(204).send();
    },
  );
}
