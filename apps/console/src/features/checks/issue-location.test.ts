import { describe, expect, it } from 'vitest';
import { translate } from '../../lib/i18n';
import { newCheckValues, type CheckFormValues } from './check-form-values';
import { describeIssueLocation } from './issue-location';
import { newStepValues } from './step-forms';

const t = translate.bind(null, 'en');
const values: CheckFormValues = { ...newCheckValues(), steps: [newStepValues('http'), newStepValues('dns')] };

describe('describeIssueLocation', () => {
  it('names the step, its kind and the numbered row', () => {
    expect(describeIssueLocation('steps.0.assert.1.expression', values, t)).toBe(
      'Step 1 (HTTP request) › Assertions #2 › Expression',
    );
    expect(describeIssueLocation('steps.1.query', values, t)).toBe('Step 2 (DNS lookup) › Name to resolve');
    expect(describeIssueLocation('steps.0.headers.X-Trace', values, t)).toBe(
      'Step 1 (HTTP request) › Headers › X-Trace',
    );
  });

  it('names check-level fields and lists', () => {
    expect(describeIssueLocation('name', values, t)).toBe('Name');
    expect(describeIssueLocation('variables.phone', values, t)).toBe('Variables › phone');
    expect(describeIssueLocation('steps', values, t)).toBe('Steps');
    expect(describeIssueLocation('steps.5.url', values, t)).toBe('Step 6 › URL');
  });
});
