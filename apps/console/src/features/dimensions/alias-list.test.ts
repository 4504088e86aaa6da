import type { DimensionAlias } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { aliasCountsByKind, aliasesOfKind } from './alias-list';

const aliases: DimensionAlias[] = [
  { kind: 'channel', alias: 'WEB', code: 'web_hall' },
  { kind: 'region', alias: '0731', code: 'changsha' },
  { kind: 'channel', alias: 'APP', code: 'app' },
  { kind: 'channel', alias: '营业厅A', code: 'hall' },
];

describe('aliases by kind', () => {
  it('lists the aliases of one kind, Latin spellings before Chinese ones', () => {
    expect(aliasesOfKind(aliases, 'channel').map((alias) => alias.alias)).toEqual(['APP', 'WEB', '营业厅A']);
    expect(aliasesOfKind(undefined, 'channel')).toEqual([]);
  });

  it('counts every kind, including those without aliases', () => {
    expect(aliasCountsByKind(aliases)).toEqual({ channel: 3, business: 0, region: 1, segment: 0, system: 0 });
  });
});
