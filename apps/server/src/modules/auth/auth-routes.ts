import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdTokenSchema,
  loginInputSchema,
  passwordChangeSchema,
  tokenInputSchema,
  tokenListQuerySchema,
  tokenPageSchema,
  userSchema,
} from '@ganzhi/contracts';
import { contextOf, requireActor, SESSION_COOKIE } from '../../http/authenticate.js';
import type { AuthService } from './auth-service.js';

const tags = ['auth'];

export interface AuthRoutesOptions {
  /** Whether cookies get the `Secure` flag: the public URL is https, or a trusted proxy says the request was. */
  readonly secureCookies: (request: { protocol: string }) => boolean;
}

export function authRoutes(auth: AuthService, options: AuthRoutesOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public', audit: 'service' },
        schema: {
          tags,
          summary: 'Log in; sets the session cookie (throttled per user and address after failures)',
          body: loginInputSchema,
          response: { 200: z.object({ user: userSchema }) },
        },
      },
      async (request, reply) => {
        const { user, sessionToken, expiresAt } = await auth.login({
          input: request.body,
          client: { requestId: request.id, clientAddress: request.ip },
          previousSession: request.cookies[SESSION_COOKIE],
        });
        reply.setCookie(SESSION_COOKIE, sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secureCookies(request),
          expires: new Date(expiresAt),
        });
        return { user };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'authenticated', audit: 'service', requestBody: 'none' },
        schema: { tags, summary: 'Log out', response: { 204: z.null() } },
      },
      async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (session) await auth.logout({ ctx: contextOf(request), sessionToken: session });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'The current user, with their permissions and region scope',
          response: { 200: z.object({ user: userSchema }) },
        },
      },
      async (request) => ({ user: await auth.me({ actor: requireActor(request) }) }),
    );

    app.post(
      '/auth/password',
      {
        config: { access: 'user', audit: 'service' },
        schema: {
          tags,
          summary: 'Change your own password; every session of yours ends',
          body: passwordChangeSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await auth.users.changeOwnPassword({ ctx: contextOf(request), input: request.body });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/totp/setup',
      {
        config: { access: 'user', audit: 'none', requestBody: 'none' },
        schema: {
          tags,
          summary: 'A new second-factor key and its otpauth:// address to scan (nothing changes yet)',
          response: { 200: z.object({ secret: z.string(), uri: z.string() }) },
        },
      },
      (request) => auth.startTotp({ ctx: contextOf(request) }),
    );

    app.post(
      '/auth/totp/enable',
      {
        config: { access: 'user', audit: 'service' },
        schema: {
          tags,
          summary: 'Turn the second factor on with the key from setup and a current code',
          body: z.strictObject({
            secret: z.string().regex(/^[A-Z2-7]{16,64}=*$/, 'a base32 key'),
            code: z.string().regex(/^\d{6}$/, 'six digits'),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await auth.enableTotp({ ctx: contextOf(request), ...request.body });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/tokens',
      {
        config: { access: 'tokens:manage' },
        schema: {
          tags,
          summary:
            'Your API tokens (everyone’s with users:manage), newest first (sort createdAt, name or lastUsedAt), filtered by text (name or owner) and status; a page, its total and the cursor of the next',
          querystring: tokenListQuerySchema,
          response: { 200: tokenPageSchema },
        },
      },
      async (request) => auth.listTokenPage({ ctx: contextOf(request), query: request.query }),
    );

    app.post(
      '/tokens',
      {
        config: { access: 'tokens:manage', audit: 'service' },
        schema: {
          tags,
          summary: 'Create an API token (shown once) with scopes and regions no wider than yours',
          body: tokenInputSchema,
          response: { 201: createdTokenSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await auth.createToken({ ctx: contextOf(request), input: request.body })),
    );

    app.delete(
      '/tokens/:id',
      {
        config: { access: 'tokens:manage', audit: 'service' },
        schema: {
          tags,
          summary: 'Revoke an API token; it answers 401 at once',
          params: z.object({ id: z.string().max(100) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await auth.revokeToken({ ctx: contextOf(request), id: request.params.id });
        return reply.status(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
