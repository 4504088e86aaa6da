import { describe, expect, it } from 'vitest';
import { apiParamsOf, searchFromState, stateFromSearch } from './explorer-state';

describe('transactions explorer state', () => {
  it('round-trips through the URL, leaving defaults out', () => {
    const state = stateFromSearch(new URLSearchParams('range=24h&channel=hall,ivr&compare=region'));
    expect(state).toEqual({
      range: '24h',
      channel: ['hall', 'ivr'],
      business: [],
      region: [],
      segment: [],
      compare: 'region',
    });
    expect(searchFromState(state).toString()).toBe('range=24h&channel=hall%2Civr&compare=region');
    expect(searchFromState(stateFromSearch(new URLSearchParams())).toString()).toBe('');
  });

  it('ignores values it does not know instead of sending them', () => {
    expect(stateFromSearch(new URLSearchParams('range=3y&compare=colour'))).toMatchObject({
      range: '6h',
      compare: 'none',
    });
  });

  it('asks the API for the window with the resolution that keeps charts readable', () => {
    const now = Date.UTC(2026, 10, 30, 6, 0);
    const params = apiParamsOf(stateFromSearch(new URLSearchParams('range=7d&business=payment')), now);
    expect(Object.fromEntries(params)).toEqual({
      from: new Date(now - 7 * 86_400_000).toISOString(),
      to: new Date(now).toISOString(),
      resolution: 'hour',
      business: 'payment',
      groupBy: 'none',
    });
  });
});
