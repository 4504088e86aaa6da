import { describe, expect, it } from 'vitest';
import {
  apiQueryOf,
  readListParams,
  sortOrderOf,
  sortParamOf,
  writeListParams,
  type ListParamOptions,
} from './list-params';

const OPTIONS: ListParamOptions = {
  filterNames: ['status', 'channel', 'text'],
  defaultPageSize: 50,
  pageSizes: [20, 50, 100],
};

describe('list parameters in the URL', () => {
  it('reads page, size, sort and the known filters, ignoring other parameters', () => {
    const params = readListParams(
      new URLSearchParams('page=3&size=20&sort=lastRunAt:desc&status=down,pending&text=&tab=runs'),
      OPTIONS,
    );
    expect(params).toEqual({
      page: 3,
      pageSize: 20,
      sort: 'lastRunAt:desc',
      filters: { status: 'down,pending' },
    });
  });

  it('falls back to the defaults for values this console never writes', () => {
    for (const query of ['page=0&size=7&sort=name', 'page=-2&size=abc&sort=name:up', 'page=1.5&size=1000000'])
      expect(readListParams(new URLSearchParams(query), OPTIONS)).toEqual({
        page: 1,
        pageSize: 50,
        sort: null,
        filters: {},
      });
  });

  it('writes only what differs from the defaults and keeps unrelated parameters', () => {
    const written = writeListParams(new URLSearchParams('tab=runs&page=4&channel=app'), {
      params: { page: 1, pageSize: 50, sort: null, filters: { text: '网厅' } },
      options: OPTIONS,
    });
    expect(written.toString()).toBe(`tab=runs&text=${encodeURIComponent('网厅')}`);
    const back = readListParams(written, OPTIONS);
    expect(back.filters).toEqual({ text: '网厅' });
  });

  it('asks the server for the visible page only, as limit and offset', () => {
    expect(apiQueryOf({ page: 1, pageSize: 50, sort: null, filters: {} })).toBe('limit=50');
    expect(apiQueryOf({ page: 3, pageSize: 20, sort: 'name:desc', filters: { channel: 'app' } })).toBe(
      'limit=20&offset=40&sort=name%3Adesc&channel=app',
    );
  });

  it("maps Ant Design's sort orders both ways", () => {
    expect(sortOrderOf('name:asc', 'name')).toBe('ascend');
    expect(sortOrderOf('name:desc', 'name')).toBe('descend');
    expect(sortOrderOf('name:desc', 'status')).toBeNull();
    expect(sortParamOf({ columnKey: 'status', order: 'descend' })).toBe('status:desc');
    expect(sortParamOf({ columnKey: 'status', order: null })).toBeNull();
    expect(sortParamOf({ columnKey: undefined, order: 'ascend' })).toBeNull();
  });
});
