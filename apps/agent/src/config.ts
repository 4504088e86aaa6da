import { z } from 'zod';

/** Settings of a remote agent (`ganzhi agent --server URL --token TOKEN --location NAME`). */
export const agentConfigSchema = z.object({
  server: z.url('must be the server URL, e.g. https://ganzhi.example:8080/'),
  token: z.string().min(10, 'must be an enrolment or agent token'),
  location: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "_" or "-"')
    .max(64),
  dataDir: z.string().min(1).default('./agent-data'),
  concurrency: z.coerce.number().int().min(1).max(1000).default(20),
});

export type AgentConfig = Readonly<z.infer<typeof agentConfigSchema>>;

/** Parses the agent's settings once and freezes them; problems name the setting. */
export function parseAgentConfig(raw: unknown): AgentConfig {
  return Object.freeze(agentConfigSchema.parse(raw));
}
