import { describe, expect, it } from 'vitest';
import { keepHeapCompact } from './heap-settings.js';

describe('keepHeapCompact', () => {
  it("leaves an operator's own heap growth setting alone, however it is spelled", () => {
    expect(keepHeapCompact(['--heap-growing-percent=50'])).toBe(false);
    expect(keepHeapCompact(['--enable-source-maps', '--heap_growing_percent=80'])).toBe(false);
  });

  it('bounds the growth otherwise', () => {
    expect(keepHeapCompact(['--enable-source-maps'])).toBe(true);
  });
});
