import { describe, expect, it } from 'vitest';
import { enrolmentCommandOf } from './enrolment-command';

describe('enrolmentCommandOf', () => {
  it('builds the command line an agent host pastes', () => {
    expect(
      enrolmentCommandOf({
        serverOrigin: 'https://ganzhi.example:8443',
        token: 'gz_AbC-123',
        location: 'changsha',
      }),
    ).toBe('ganzhi agent --server https://ganzhi.example:8443 --token gz_AbC-123 --location changsha');
  });

  it('quotes a value a shell would split or expand', () => {
    expect(enrolmentCommandOf({ serverOrigin: 'http://h', token: "a b'c", location: 'x' })).toBe(
      `ganzhi agent --server http://h --token 'a b'"'"'c' --location x`,
    );
  });
});
