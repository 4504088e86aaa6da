import type { Kysely } from 'kysely';
import {
  parseSortParam,
  type Page,
  type SecretListQuery,
  type StoredSecret,
  type StoredSecretInput,
} from '@ganzhi/contracts';
import { NotFoundError, type Logger } from '@ganzhi/runtime';
import { pageOfItems } from '../../db/list-page.js';
import type { DatabaseSchema } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import { actorName, type RequestContext } from '../auth/index.js';
import type { SecretBox } from './secret-box.js';
import { createSecretRepository } from './secret-repository.js';

export interface SecretServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly box: SecretBox;
  readonly audit: AuditService;
  readonly logger: Logger;
  /** Names set as `GANZHI_SECRET_<NAME>` for the built-in agent: listed, never stored. */
  readonly environmentNames: readonly string[];
}

/**
 * Probe secrets stored in the product: names listed, values sealed with AES-256-GCM and never returned. Checks
 * use them as `{{secrets.NAME}}`; a `GANZHI_SECRET_<NAME>` variable of the same name wins on the built-in agent.
 */
export function createSecretService(deps: SecretServiceDeps) {
  const repository = createSecretRepository(deps.db);

  /** Every secret by name: the stored ones and the environment's names that no stored one shadows. */
  async function listSecrets(): Promise<StoredSecret[]> {
    const stored = await repository.list();
    const storedNames = new Set(stored.map((row) => row.name));
    return [
      ...stored.map((row) => ({
        name: row.name,
        description: row.description,
        source: 'stored' as const,
        updatedAt: new Date(row.updated_at).toISOString(),
        updatedBy: row.updated_by,
      })),
      ...deps.environmentNames
        .filter((name) => !storedNames.has(name))
        .map((name) => ({
          name,
          description: '',
          source: 'environment' as const,
          updatedAt: null,
          updatedBy: null,
        })),
    ].sort((a, b) => a.name.localeCompare(b.name));
  }

  return {
    /**
     * A page of secrets, filtered and sorted as asked. Stored ones and the environment's names are merged, so the page
     * is cut in memory: a list of names, never values.
     */
    async listSecretPage({ query }: { query: SecretListQuery }): Promise<Page<StoredSecret>> {
      const text = query.text?.toLowerCase();
      const selected = (await listSecrets()).filter(
        (secret) =>
          (query.source === undefined || secret.source === query.source) &&
          (text === undefined ||
            secret.name.toLowerCase().includes(text) ||
            secret.description.toLowerCase().includes(text)),
      );
      const { field, direction } = parseSortParam(query.sort);
      // Never updated here (from the environment): last both ways.
      const never = direction === 'asc' ? '~' : '';
      return pageOfItems(selected, {
        ...query,
        keysOf: (secret) => (field === 'name' ? [secret.name] : [secret.updatedAt ?? never, secret.name]),
        directions: field === 'name' ? [direction] : [direction, direction],
      });
    },

    async putSecret({
      ctx,
      name,
      input,
    }: {
      ctx: RequestContext;
      name: string;
      input: StoredSecretInput;
    }): Promise<void> {
      const before = await repository.find(name);
      const now = ctx.clock.now();
      await repository.upsert({
        name,
        sealed_value: deps.box.seal(input.value),
        description: input.description,
        created_at: before?.created_at ?? now,
        updated_at: now,
        updated_by: actorName(ctx.actor),
      });
      // The value itself never enters the audit log: only that it changed.
      await deps.audit.record(ctx, {
        action: before ? 'secret.update' : 'secret.create',
        resource: 'secret',
        resourceId: name,
        before: before ? { description: before.description, value: 'set' } : null,
        after: { description: input.description, value: before ? 'changed' : 'set' },
      });
    },

    async deleteSecret({ ctx, name }: { ctx: RequestContext; name: string }): Promise<void> {
      const result = await repository.delete(name);
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError('secret', name);
      await deps.audit.record(ctx, { action: 'secret.delete', resource: 'secret', resourceId: name });
    },

    /** Opened values of the named stored secrets, for the flow engine only; unreadable ones are logged and left out. */
    async revealForProbing(names: readonly string[]): Promise<Record<string, string>> {
      const values: Record<string, string> = {};
      for (const row of await repository.findMany(names)) {
        try {
          values[row.name] = deps.box.open(row.sealed_value);
        } catch (error) {
          deps.logger.error({ err: error, secret: row.name }, 'stored secret cannot be opened with this key');
        }
      }
      return values;
    },
  };
}

export type SecretService = ReturnType<typeof createSecretService>;
