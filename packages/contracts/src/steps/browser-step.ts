import { z } from 'zod';
import { stepBaseShape } from './step-common.js';
import { httpUrlSchema } from './http-step.js';

const selectorSchema = z.string().min(1).max(1000);

/** One browser action; the page starts empty and `goto` loads a URL. */
export const browserActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('goto'), url: httpUrlSchema }),
  z.object({ action: z.literal('click'), selector: selectorSchema }),
  z.object({ action: z.literal('fill'), selector: selectorSchema, value: z.string().max(10_000) }),
  z.object({ action: z.literal('select'), selector: selectorSchema, value: z.string().max(1000) }),
  z.object({
    action: z.literal('press'),
    selector: selectorSchema.optional(),
    key: z.string().min(1).max(50),
  }),
  z.object({
    action: z.literal('waitForSelector'),
    selector: selectorSchema,
    state: z.enum(['attached', 'visible', 'hidden']).default('visible'),
  }),
  z.object({ action: z.literal('waitForText'), text: z.string().min(1).max(1000) }),
  z.object({ action: z.literal('waitForNavigation') }),
  z.object({
    action: z.literal('assertText'),
    selector: selectorSchema.optional(),
    text: z.string().min(1).max(1000),
  }),
  z.object({ action: z.literal('assertVisible'), selector: selectorSchema }),
]);
export type BrowserAction = z.infer<typeof browserActionSchema>;

/** A real-browser journey in Debian's Chromium, with page timings, screenshots and a white-screen verdict. */
export const browserStepSchema = z.object({
  kind: z.literal('browser'),
  ...stepBaseShape,
  timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
  actions: z.array(browserActionSchema).min(1, 'a browser step needs at least one action').max(100),
  viewport: z
    .object({ width: z.number().int().min(320).max(3840), height: z.number().int().min(240).max(2160) })
    .default({ width: 1280, height: 800 }),
  /** Also keep a screenshot when the step succeeds (always kept on failure). */
  screenshotOnSuccess: z.boolean().default(false),
});
export type BrowserStep = z.infer<typeof browserStepSchema>;
