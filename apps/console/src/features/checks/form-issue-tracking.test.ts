import { describe, expect, it } from 'vitest';
import type { FormIssue } from './check-form-issues';
import { changedLeafPaths, fieldErrorsOf, isIssueTouched } from './form-issue-tracking';

function issue(patch: Partial<FormIssue>): FormIssue {
  return { path: 'x', field: null, stepIndex: null, message: 'm', ...patch };
}

describe('changedLeafPaths', () => {
  it('follows a sparse list down to the edited cell', () => {
    // antd reports typing in steps[1].assert[0].value like this: holes for the untouched entries.
    const changed = { steps: [, { assert: [{ value: '1' }] }] }; // eslint-disable-line no-sparse-arrays
    expect(changedLeafPaths(changed)).toEqual([['steps', 1, 'assert', 0, 'value']]);
  });

  it('counts a plain field and an emptied list as changed themselves', () => {
    expect(changedLeafPaths({ name: 'x' })).toEqual([['name']]);
    expect(changedLeafPaths({ variables: [] })).toEqual([['variables']]);
  });
});

describe('isIssueTouched', () => {
  it('is touched by an edit of its field or of a list around it, not by a sibling', () => {
    const urlIssue = issue({ field: ['steps', 1, 'url'], stepIndex: 1 });
    expect(isIssueTouched(urlIssue, [['steps', 1, 'url']])).toBe(true);
    expect(isIssueTouched(urlIssue, [['steps']])).toBe(true);
    expect(isIssueTouched(urlIssue, [['steps', 0, 'url']])).toBe(false);
  });

  it('counts a field-less step problem as touched by any edit inside that step', () => {
    const kindIssue = issue({ path: 'steps.2.kind', stepIndex: 2 });
    expect(isIssueTouched(kindIssue, [['steps', 2, 'timeoutMs']])).toBe(true);
    expect(isIssueTouched(kindIssue, [['steps', 1, 'timeoutMs']])).toBe(false);
    expect(isIssueTouched(issue({ path: 'locations' }), [['name']])).toBe(false);
  });
});

describe('fieldErrorsOf', () => {
  it('groups messages per field, once each, and skips field-less issues', () => {
    const errors = fieldErrorsOf([
      issue({ field: ['steps', 0, 'url'], message: 'a' }),
      issue({ field: ['steps', 0, 'url'], message: 'a' }),
      issue({ field: ['steps', 0, 'url'], message: 'b' }),
      issue({ message: 'summary only' }),
    ]);
    expect([...errors.values()]).toEqual([{ name: ['steps', 0, 'url'], errors: ['a', 'b'] }]);
  });
});
