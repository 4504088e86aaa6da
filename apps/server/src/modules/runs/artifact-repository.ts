import type { Kysely } from 'kysely';
import type { ArtifactRef } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

export interface ArtifactContent {
  readonly id: string;
  readonly stepIndex: number;
  readonly kind: ArtifactRef['kind'];
  readonly contentType: string;
  readonly content: Uint8Array;
}

// The step index travels in the kind column as "<kind>:<stepIndex>", keeping the foundation schema unchanged.
function encodeKind(kind: string, stepIndex: number): string {
  return `${kind}:${stepIndex}`;
}

function decodeKind(stored: string): { kind: ArtifactRef['kind']; stepIndex: number } {
  const [kind, index] = stored.split(':');
  return { kind: kind as ArtifactRef['kind'], stepIndex: Number(index ?? 0) };
}

export async function insertArtifacts(
  db: Db,
  run: { runId: string; nowMs: number },
  artifacts: readonly ArtifactContent[],
): Promise<void> {
  const { runId, nowMs } = run;
  if (artifacts.length === 0) return;
  await db
    .insertInto('artifacts')
    .values(
      artifacts.map((artifact) => ({
        id: artifact.id,
        run_id: runId,
        kind: encodeKind(artifact.kind, artifact.stepIndex),
        content_type: artifact.contentType,
        content: Buffer.from(artifact.content),
        created_at: nowMs,
      })),
    )
    // Artifact ids come from agents: one that another run already uses is dropped, never a failed batch. Reads
    // always match the run id too, so the dropped artifact cannot be reached through this run.
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/** Artifact references (no content) of the given runs, by run id. */
export async function listArtifactRefs(
  db: Db,
  runIds: readonly string[],
): Promise<Map<string, ArtifactRef[]>> {
  const byRun = new Map<string, ArtifactRef[]>();
  if (runIds.length === 0) return byRun;
  const rows = await db
    .selectFrom('artifacts')
    .select(['id', 'run_id', 'kind', 'content_type', (eb) => eb.fn('length', ['content']).as('bytes')])
    .where('run_id', 'in', runIds)
    .orderBy('created_at')
    .execute();
  for (const row of rows) {
    const refs = byRun.get(row.run_id) ?? [];
    refs.push({
      id: row.id,
      ...decodeKind(row.kind),
      contentType: row.content_type,
      bytes: Number(row.bytes),
    });
    byRun.set(row.run_id, refs);
  }
  return byRun;
}

export async function findArtifact(
  db: Db,
  ids: { runId: string; artifactId: string },
): Promise<{ contentType: string; content: Uint8Array; checkId: string } | undefined> {
  const row = await db
    .selectFrom('artifacts')
    .innerJoin('runs', 'runs.id', 'artifacts.run_id')
    .select(['artifacts.content_type', 'artifacts.content', 'runs.check_id'])
    .where('artifacts.run_id', '=', ids.runId)
    .where('artifacts.id', '=', ids.artifactId)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, content: row.content, checkId: row.check_id } : undefined;
}

export async function deleteArtifacts(
  db: Db,
  filter: { runIdsOfCheck?: string; beforeMs?: number },
): Promise<void> {
  let query = db.deleteFrom('artifacts');
  if (filter.runIdsOfCheck !== undefined) {
    const checkId = filter.runIdsOfCheck;
    query = query.where('run_id', 'in', (eb) =>
      eb.selectFrom('runs').select('id').where('check_id', '=', checkId),
    );
  }
  if (filter.beforeMs !== undefined) query = query.where('created_at', '<', filter.beforeMs);
  await query.execute();
}
