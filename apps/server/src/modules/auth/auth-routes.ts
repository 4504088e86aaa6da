import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createdTokenSchema, loginInputSchema, tokenInputSchema, userSchema } from '@ganzhi/contracts';
import { requireActor, SESSION_COOKIE } from '../../http/authenticate.js';
import type { AuthService } from './auth-service.js';

const tags = ['auth'];

export function authRoutes(auth: AuthService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Log in; sets the session cookie',
          body: loginInputSchema,
          response: { 200: z.object({ user: userSchema }) },
        },
      },
      async (request, reply) => {
        const { user, sessionToken, expiresAt } = await auth.login({ input: request.body });
        reply.setCookie(SESSION_COOKIE, sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          expires: new Date(expiresAt),
        });
        return { user };
      },
    );

    app.post(
      '/auth/logout',
      { config: { public: true }, schema: { tags, summary: 'Log out' } },
      async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (session) await auth.logout({ sessionToken: session });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/me',
      { schema: { tags, summary: 'The current user', response: { 200: z.object({ user: userSchema }) } } },
      (request) => {
        const actor = requireActor(request);
        if (actor.kind === 'system') return { user: { id: 'system', username: actor.name } };
        return { user: { id: actor.userId, username: actor.username } };
      },
    );

    app.post(
      '/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token (shown once)',
          body: tokenInputSchema,
          response: { 201: createdTokenSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await auth.createToken({ actor: requireActor(request), input: request.body })),
    );
    await Promise.resolve();
  };
}
