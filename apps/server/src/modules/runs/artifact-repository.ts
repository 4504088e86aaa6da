import type { Kysely } from 'kysely';
import type { ArtifactRef } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';
import { chunked } from '../../db/chunked.js';

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

/** The artifacts of newly stored runs, all in one statement per slice. */
export async function insertArtifacts(
  db: Db,
  batch: {
    nowMs: number;
    runs: readonly { runId: string; checkId: string; artifacts: readonly ArtifactContent[] }[];
  },
): Promise<void> {
  const rows = batch.runs.flatMap(({ runId, checkId, artifacts }) =>
    artifacts.map((artifact) => ({
      id: artifact.id,
      run_id: runId,
      check_id: checkId,
      kind: encodeKind(artifact.kind, artifact.stepIndex),
      content_type: artifact.contentType,
      content: Buffer.from(artifact.content),
      created_at: batch.nowMs,
    })),
  );
  // Contents are large: a few rows per statement keep the statement's size modest.
  for (const chunk of chunked(rows, 20))
    await db
      .insertInto('artifacts')
      .values(chunk)
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
    .select(['content_type', 'content', 'check_id'])
    .where('run_id', '=', ids.runId)
    .where('id', '=', ids.artifactId)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, content: row.content, checkId: row.check_id } : undefined;
}

export async function deleteArtifacts(
  db: Db,
  filter: { checkId?: string; beforeMs?: number },
): Promise<void> {
  let query = db.deleteFrom('artifacts');
  if (filter.checkId !== undefined) query = query.where('check_id', '=', filter.checkId);
  if (filter.beforeMs !== undefined) query = query.where('created_at', '<', filter.beforeMs);
  await query.execute();
}
