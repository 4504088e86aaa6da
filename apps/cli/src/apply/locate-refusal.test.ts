import { describe, expect, it } from 'vitest';
import { locateIssue } from './locate-refusal.js';

const checks = {
  list: 'checks',
  sources: ['checks/web-hall.yaml#1.1', 'checks/web-hall.yaml#2.1'],
  label: '(check)',
};

describe('locateIssue', () => {
  it('names the file and document of the n-th item sent, then the field inside it', () => {
    expect(locateIssue({ path: 'checks.1.steps.0.kind', message: 'not here' }, checks)).toBe(
      'checks/web-hall.yaml#2.1: steps.0.kind: not here',
    );
    expect(locateIssue({ path: 'checks.0', message: 'whole check' }, checks)).toBe(
      'checks/web-hall.yaml#1.1: (check): whole check',
    );
  });

  it('puts the fields of a document sent alone under its source', () => {
    const sent = { sources: ['model.yaml#1'], label: '(dimensions)' };
    expect(locateIssue({ path: 'regions.0.parentCode', message: 'unknown' }, sent)).toBe(
      'model.yaml#1: regions.0.parentCode: unknown',
    );
    expect(locateIssue({ path: '', message: 'empty' }, sent)).toBe('model.yaml#1: (dimensions): empty');
  });

  it('leaves a path that names no document sent as the server wrote it', () => {
    expect(locateIssue({ path: 'checks.7.name', message: 'x' }, checks)).toBe('checks.7.name: x');
    expect(locateIssue({ path: 'checks', message: 'too many' }, checks)).toBe('checks: too many');
  });
});
