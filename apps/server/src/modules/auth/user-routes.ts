import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  passwordResetSchema,
  roleInputSchema,
  roleListQuerySchema,
  rolePageSchema,
  roleSchema,
  userApplySchema,
  userCreateSchema,
  userDetailSchema,
  userListQuerySchema,
  userPageSchema,
  userUpdateSchema,
  PERMISSIONS,
  roleNameSchema,
} from '@ganzhi/contracts';
import { contextOf } from '../../http/authenticate.js';
import type { AuthService } from './auth-service.js';

const tags = ['users'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const nameParams = z.object({ name: roleNameSchema });

/** Users and roles: `/users` (create, edit, disable, reset password, apply as code) and `/roles`. */
export function userRoutes(auth: AuthService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'users:read' },
        schema: {
          tags,
          summary:
            'Users by username (sort username, displayName, createdAt or lastLoginAt), filtered by text (username, display name or e-mail), status and role; a page, its total and the cursor of the next',
          querystring: userListQuerySchema,
          response: { 200: userPageSchema },
        },
      },
      async (request) => auth.users.listUserPage({ query: request.query }),
    );
    app.get(
      '/users/:id',
      {
        config: { access: 'users:read' },
        schema: {
          tags,
          summary: 'One user (by id or username)',
          params: idParams,
          response: { 200: userDetailSchema },
        },
      },
      async (request) => auth.users.getUser({ id: request.params.id }),
    );
    app.post(
      '/users',
      {
        config: { access: 'users:manage', scope: 'province', audit: 'service' },
        schema: {
          tags,
          summary: 'Create a user',
          body: userCreateSchema,
          response: { 201: userDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await auth.users.createUser({ ctx: contextOf(request), input: request.body })),
    );
    app.patch(
      '/users/:id',
      {
        config: { access: 'users:manage', scope: 'province', audit: 'service' },
        schema: {
          tags,
          summary: 'Edit a user: name, e-mail, roles, region scope, disabled (ends their sessions)',
          params: idParams,
          body: userUpdateSchema,
          response: { 200: userDetailSchema },
        },
      },
      async (request) =>
        auth.users.updateUser({ ctx: contextOf(request), id: request.params.id, input: request.body }),
    );
    app.post(
      '/users/:id/password',
      {
        config: { access: 'users:manage', scope: 'province', audit: 'service' },
        schema: {
          tags,
          summary: 'Set a user’s password; their sessions end',
          params: idParams,
          body: passwordResetSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await auth.users.resetPassword({
          ctx: contextOf(request),
          id: request.params.id,
          password: request.body.password,
        });
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/users/:id/totp/reset',
      {
        config: { access: 'users:manage', audit: 'service', scope: 'province', requestBody: 'none' },
        schema: {
          tags,
          summary: 'Remove a user’s second factor (lost phone); their sessions end',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await auth.resetTotp({ ctx: contextOf(request), id: request.params.id });
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/users/apply',
      {
        config: { access: 'users:manage', scope: 'province', audit: 'service' },
        schema: {
          tags,
          summary: 'Users as code: create or update by username (roles, scope, names; never passwords)',
          body: z.strictObject({ users: z.array(userApplySchema).min(1).max(1000) }),
          response: {
            200: z.object({
              results: z.array(
                z.object({ username: z.string(), action: z.enum(['created', 'updated', 'unchanged']) }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        results: await auth.users.applyUsers({ ctx: contextOf(request), inputs: request.body.users }),
      }),
    );

    app.get(
      '/roles',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary:
            'Roles (built-in first in their order, then custom by name; or sort name), filtered by text (name or description), builtin and permission; a page, its total, the cursor of the next and every permission there is',
          querystring: roleListQuerySchema,
          response: { 200: rolePageSchema },
        },
      },
      async (request) => ({
        ...(await auth.roles.listRolePage({ query: request.query })),
        permissions: [...PERMISSIONS],
      }),
    );
    app.put(
      '/roles/:name',
      {
        config: { access: 'roles:manage', scope: 'province', audit: 'service' },
        schema: {
          tags,
          summary: 'Create or replace a custom role',
          params: nameParams,
          body: roleInputSchema.omit({ name: true }),
          response: { 200: roleSchema },
        },
      },
      async (request) =>
        auth.roles.saveRole({
          ctx: contextOf(request),
          input: { ...request.body, name: request.params.name },
        }),
    );
    app.delete(
      '/roles/:name',
      {
        config: { access: 'roles:manage', scope: 'province', audit: 'service' },
        schema: {
          tags,
          summary: 'Delete a custom role nobody holds',
          params: nameParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await auth.roles.deleteRole({ ctx: contextOf(request), name: request.params.name });
        return reply.status(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
