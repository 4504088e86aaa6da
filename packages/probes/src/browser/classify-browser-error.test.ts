import { describe, expect, it } from 'vitest';
import { errors } from 'playwright-core';
import { classifyBrowserError } from './classify-browser-error.js';

const gotoError = (netError: string): Error =>
  new Error(
    `page.goto: net::${netError} at https://shop.example/pay?token=abc\nCall log:\n  - navigating to "https://shop.example/pay?token=abc"`,
  );

describe('classifyBrowserError', () => {
  it.each([
    ['ERR_NAME_NOT_RESOLVED', 'dns'],
    ['ERR_CONNECTION_REFUSED', 'connect_refused'],
    ['ERR_CONNECTION_RESET', 'connect_reset'],
    ['ERR_EMPTY_RESPONSE', 'connect_reset'],
    ['ERR_ADDRESS_UNREACHABLE', 'host_unreachable'],
    ['ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['ERR_CERT_DATE_INVALID', 'tls'],
    ['ERR_CERT_AUTHORITY_INVALID', 'tls'],
    ['ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['ERR_BLOCKED_BY_CLIENT', 'blocked'],
    ['ERR_UNSAFE_PORT', 'blocked'],
    ['ERR_INVALID_HTTP_RESPONSE', 'protocol'],
    ['ERR_ABORTED', 'internal'],
  ])('classes net::%s as %s', (netError, errorClass) => {
    expect(classifyBrowserError(gotoError(netError)).errorClass).toBe(errorClass);
  });

  it('keeps only the net error name, so the query string and call log stay out of the message', () => {
    expect(classifyBrowserError(gotoError('ERR_CONNECTION_REFUSED')).reason).toBe(
      'net::ERR_CONNECTION_REFUSED',
    );
  });

  it("classes Playwright's TimeoutError as timeout", () => {
    const error = new errors.TimeoutError(
      'locator.click: Timeout 1000ms exceeded.\nCall log:\n  - waiting for #x',
    );
    expect(classifyBrowserError(error)).toEqual({
      errorClass: 'timeout',
      reason: 'locator.click: Timeout 1000ms exceeded.',
    });
  });

  it('classes anything else as internal with its first line', () => {
    const error = new Error('locator.click: Unexpected token "<" while parsing selector "<<"\nCall log: …');
    expect(classifyBrowserError(error)).toEqual({
      errorClass: 'internal',
      reason: 'locator.click: Unexpected token "<" while parsing selector "<<"',
    });
  });
});
