import type { StepKind } from '@ganzhi/contracts';
import type { ReactNode } from 'react';

/** A colour per kind, so a long flow reads at a glance (antd's palette). */
export const STEP_KIND_COLORS: Readonly<Record<StepKind, string>> = {
  http: '#1668dc',
  tcp: '#13a8a8',
  dns: '#7cb305',
  tls: '#722ed1',
  browser: '#d46b08',
  wait: '#8c8c8c',
};

// 16×16 line drawings: the console declares no icon package, and six glyphs do not justify one.
const GLYPHS: Readonly<Record<StepKind, ReactNode>> = {
  http: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <ellipse cx="8" cy="8" rx="2.8" ry="6.5" />
      <path d="M1.5 8h13" />
    </>
  ),
  tcp: (
    <>
      <path d="M2 5.5h10.5M10 3l2.5 2.5L10 8" />
      <path d="M14 10.5H3.5M6 8l-2.5 2.5L6 13" />
    </>
  ),
  dns: (
    <>
      <circle cx="8" cy="3" r="1.8" />
      <circle cx="3.5" cy="12.5" r="1.8" />
      <circle cx="12.5" cy="12.5" r="1.8" />
      <path d="M8 4.8v3.2M3.5 10.7V8h9v2.7" />
    </>
  ),
  tls: (
    <>
      <rect x="3" y="7" width="10" height="7.5" rx="1.2" />
      <path d="M5.2 7V5a2.8 2.8 0 0 1 5.6 0v2M8 10v2" />
    </>
  ),
  browser: (
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.2" />
      <path d="M1.5 5.5h13" />
      <path d="M3.5 4h.01M5.2 4h.01" strokeWidth="1.4" />
    </>
  ),
  wait: (
    <>
      <path d="M4 1.5h8M4 14.5h8" />
      <path d="M5 1.5c0 3.5 6 3.5 6 6.5s-6 3-6 6.5M11 1.5c0 3.5-6 3.5-6 6.5s6 3 6 6.5" />
    </>
  ),
};

/**
 * The kind's glyph in its colour, at text size.
 * @example <StepKindIcon kind="browser" />
 */
export function StepKindIcon({ kind }: { kind: StepKind }) {
  return (
    <svg
      className="step-kind-icon"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke={STEP_KIND_COLORS[kind]}
      strokeWidth="1.3"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {GLYPHS[kind]}
    </svg>
  );
}
