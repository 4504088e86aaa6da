import { describe, expect, it } from 'vitest';
import { translate } from '../../lib/i18n';
import { checkFormValues, fieldOfIssuePath, issuesFromDetails } from './check-form-issues';
import { newCheckValues, type CheckFormValues } from './check-form-values';
import { newStepValues, type StepFormValues } from './step-forms';

const t = translate.bind(null, 'en');

function step<K extends StepFormValues['kind']>(
  kind: K,
  patch: Partial<Extract<StepFormValues, { kind: K }>>,
) {
  return { ...newStepValues(kind), ...patch } as StepFormValues;
}

const values: CheckFormValues = {
  ...newCheckValues(),
  name: 'flow',
  variables: [{ name: 'phone', value: '1' }],
  steps: [
    step('http', {
      url: 'http://a.test/',
      headers: [{ name: 'X.Trace', value: '1' }],
      bodyType: 'json',
      method: 'POST',
      jsonText: '{}',
    }),
    step('dns', { query: 'www.example.com' }),
    step('browser', { actions: [{ action: 'goto', url: 'http://a.test/' }] }),
  ],
};

describe('fieldOfIssuePath', () => {
  it('maps API paths onto the fields that show them, at any depth', () => {
    expect(fieldOfIssuePath('name', values)).toEqual(['name']);
    expect(fieldOfIssuePath('tags.2', values)).toEqual(['tags']);
    expect(fieldOfIssuePath('flowTimeoutMs', values)).toEqual(['flowTimeoutMs']);
    expect(fieldOfIssuePath('variables.phone', values)).toEqual(['variables', 0, 'name']);
    expect(fieldOfIssuePath('steps.0.url', values)).toEqual(['steps', 0, 'url']);
    expect(fieldOfIssuePath('steps.0.headers.X.Trace', values)).toEqual(['steps', 0, 'headers', 0, 'name']);
    expect(fieldOfIssuePath('steps.0.json', values)).toEqual(['steps', 0, 'jsonText']);
    expect(fieldOfIssuePath('steps.0.body', values)).toEqual(['steps', 0, 'jsonText']);
    expect(fieldOfIssuePath('steps.0.auth', values)).toEqual(['steps', 0, 'auth', 'type']);
    expect(fieldOfIssuePath('steps.0.auth.token', values)).toEqual(['steps', 0, 'auth', 'token']);
    expect(fieldOfIssuePath('steps.1.query', values)).toEqual(['steps', 1, 'query']);
    expect(fieldOfIssuePath('steps.1.expectAnswers.3', values)).toEqual(['steps', 1, 'expectAnswers']);
    expect(fieldOfIssuePath('steps.1.assert.0.expression', values)).toEqual([
      'steps',
      1,
      'assert',
      0,
      'expression',
    ]);
    expect(fieldOfIssuePath('steps.2.extract.0.expression', values)).toEqual([
      'steps',
      2,
      'extract',
      0,
      'expression',
    ]);
    expect(fieldOfIssuePath('steps.2.actions.0.url', values)).toEqual(['steps', 2, 'actions', 0, 'url']);
    expect(fieldOfIssuePath('steps.2.viewport.width', values)).toEqual(['steps', 2, 'viewport', 'width']);
    expect(fieldOfIssuePath('locations.1', values)).toEqual(['locations']);
  });

  it('leaves paths without a field of their own to the summary', () => {
    expect(fieldOfIssuePath('steps', values)).toBeNull();
    expect(fieldOfIssuePath('steps.2.kind', values)).toBeNull();
    expect(fieldOfIssuePath('steps.2.actions', values)).toBeNull();
    expect(fieldOfIssuePath('steps.7.url', values)).toBeNull();
    expect(fieldOfIssuePath('steps.1.url', values)).toBeNull();
    expect(fieldOfIssuePath('steps.0.headers.Not-In-Form', values)).toBeNull();
    expect(fieldOfIssuePath('variables.unknown', values)).toBeNull();
  });
});

describe('checkFormValues', () => {
  it('puts client-side problems under their nested fields in the chosen language', () => {
    const invalid: CheckFormValues = {
      ...values,
      intervalSeconds: 5,
      variables: [{ name: '1bad', value: 'x' }],
      steps: [
        step('http', {
          url: 'not a url',
          assert: [{ subject: 'status', expression: '', comparison: 'equals', value: '' }],
        }),
        step('tcp', { host: 'has space', port: null }),
      ],
    };
    const { issues } = checkFormValues(invalid, { t });
    const placed = issues.map(({ field, message }) => ({ field, message }));
    expect(placed).toContainEqual({ field: ['steps', 0, 'url'], message: t('validation.url') });
    expect(placed).toContainEqual({ field: ['intervalSeconds'], message: t('validation.min', { min: 10 }) });
    expect(placed).toContainEqual({ field: ['steps', 1, 'host'], message: t('validation.host') });
    expect(placed).toContainEqual({ field: ['steps', 1, 'port'], message: t('validation.required') });
    expect(issues.find((issue) => issue.path === 'variables.1bad')).toMatchObject({
      field: ['variables', 0, 'name'],
    });
    expect(issues.find((issue) => issue.path === 'steps.1.host')).toMatchObject({ stepIndex: 1 });
  });

  it('reports a JSON body that does not parse before anything is sent', () => {
    const broken: CheckFormValues = {
      ...values,
      steps: [step('http', { url: 'http://a.test/', method: 'POST', bodyType: 'json', jsonText: '{ "a": ' })],
    };
    expect(checkFormValues(broken, { t }).issues).toEqual([
      { path: 'steps.0.json', field: ['steps', 0, 'jsonText'], stepIndex: 0, message: t('validation.json') },
    ]);
  });

  it('explains an empty flow and a browser step without actions', () => {
    const empty = checkFormValues({ ...values, steps: [] }, { t });
    expect(empty.issues).toContainEqual(
      expect.objectContaining({ path: 'steps', field: null, message: t('validation.noSteps') }),
    );
    const noActions = checkFormValues({ ...values, steps: [step('browser', { actions: [] })] }, { t });
    expect(noActions.issues).toContainEqual(
      expect.objectContaining({ path: 'steps.0.actions', stepIndex: 0, message: t('validation.noActions') }),
    );
  });

  it('asks for at least one location, and for codes a location can have', () => {
    const none = checkFormValues({ ...values, locations: [] }, { t });
    expect(none.issues).toContainEqual(
      expect.objectContaining({ path: 'locations', field: ['locations'], message: t('validation.required') }),
    );
    const typed = checkFormValues({ ...values, locations: ['local', '长沙'] }, { t });
    expect(typed.issues).toContainEqual(
      expect.objectContaining({ path: 'locations.1', field: ['locations'], message: t('validation.code') }),
    );
  });

  it('accepts a valid flow and returns its input', () => {
    const { issues, input } = checkFormValues(values, { t });
    expect(issues).toEqual([]);
    expect(input.steps).toHaveLength(3);
  });
});

describe('issuesFromDetails', () => {
  it('places server details on their fields, a step kind the locations cannot run under the locations', () => {
    expect(
      issuesFromDetails(
        [
          { path: 'steps.2.extract.0.expression', message: 'a JSONPath starts with "$"' },
          { path: 'steps.2.kind', message: '"browser" steps are not supported at this location' },
          { path: 'locations', message: 'unknown location' },
        ],
        values,
        t,
      ),
    ).toEqual([
      {
        path: 'steps.2.extract.0.expression',
        field: ['steps', 2, 'extract', 0, 'expression'],
        stepIndex: 2,
        message: 'a JSONPath starts with "$"',
      },
      {
        path: 'steps.2.kind',
        field: ['locations'],
        stepIndex: 2,
        message: '"browser" steps are not supported at this location',
      },
      { path: 'locations', field: ['locations'], stepIndex: null, message: 'unknown location' },
    ]);
  });

  it("shows the server's refusals in the reader's language by their code, else as the server wrote them", () => {
    const zh = translate.bind(null, 'zh-CN');
    const placed = issuesFromDetails(
      [
        {
          path: 'locations.0',
          message: 'unknown location "mars": create it on the locations page or enrol an agent there first',
          code: 'unknown_location',
          params: { code: 'mars' },
        },
        {
          path: 'steps.2.kind',
          message: 'not here',
          code: 'step_kind_unsupported',
          params: { kind: 'browser' },
        },
        { path: 'name', message: 'a message from a newer server', code: 'some_future_code' },
      ],
      values,
      zh,
    );
    expect(placed.map((issue) => issue.message)).toEqual([
      '未知位置“mars”：请先在“位置”页面创建，或在那里注册代理',
      '该位置的代理不能运行“浏览器”步骤',
      'a message from a newer server',
    ]);
  });
});
