import { describe, expect, it } from 'vitest';
import { FlowVariables } from './flow-variables.js';
import { MissingSecretError, UnknownVariableError, renderTemplates } from './render-templates.js';

const variablesWith = (secrets: Record<string, string>) => new FlowVariables({ secrets, now: () => 0 });

function missingSecretOf(step: unknown, secrets: Record<string, string> = {}): MissingSecretError {
  try {
    renderTemplates(step, variablesWith(secrets));
  } catch (error) {
    if (error instanceof MissingSecretError) return error;
    throw error;
  }
  throw new Error('rendered');
}

describe('renderTemplates', () => {
  it('renders secrets the agent has', () => {
    const step = { headers: { 'x-key': 'Bearer {{secrets.API_KEY}}' } };
    expect(renderTemplates(step, variablesWith({ API_KEY: 'k' }))).toEqual({
      headers: { 'x-key': 'Bearer k' },
    });
  });

  it('names a missing secret, where it stands, and both ways to provide it', () => {
    const error = missingSecretOf({ url: 'http://hall/?k={{secrets.BOSS_KEY}}' });
    expect(error).toMatchObject({ code: 'EMISSINGSECRET', secretName: 'BOSS_KEY' });
    expect(error.message).toBe(
      "secret {{secrets.BOSS_KEY}} in url has no value on this agent: set GANZHI_SECRET_BOSS_KEY in the agent's environment, or store a secret named BOSS_KEY (stored secrets reach the built-in agent only)",
    );
  });

  it('counts an empty secret as missing', () => {
    expect(missingSecretOf({ url: '{{secrets.PIN}}' }, { PIN: '' }).secretName).toBe('PIN');
  });

  it('offers only the ways that can work: no stored secret for a lower-case name, no environment for KEY', () => {
    expect(missingSecretOf({ url: '{{secrets.hall_pin}}' }).message).toMatch(
      /has no value on this agent: set GANZHI_SECRET_hall_pin in the agent's environment$/,
    );
    expect(missingSecretOf({ url: '{{secrets.KEY}}' }).message).toMatch(
      /has no value on this agent: store a secret named KEY \(stored secrets reach the built-in agent only\)$/,
    );
  });

  it('keeps an unknown variable an unknown variable', () => {
    expect(() => renderTemplates({ url: '{{nowhere}}' }, variablesWith({}))).toThrow(UnknownVariableError);
  });
});
