import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult, type ResponseParser } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';

/** A second-factor key to enrol and its otpauth:// address for a QR code. */
export interface TotpSetup {
  readonly secret: string;
  readonly uri: string;
}

// The contracts package declares this response only in the server's route; the console checks its two strings.
const totpSetupSchema: ResponseParser<TotpSetup> = {
  parse(data) {
    const secret: unknown =
      typeof data === 'object' && data !== null ? Reflect.get(data, 'secret') : undefined;
    const uri: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, 'uri') : undefined;
    if (typeof secret !== 'string' || typeof uri !== 'string') throw new Error('expected { secret, uri }');
    return { secret, uri };
  },
};

/** A new second-factor key and its otpauth:// address; the server stores nothing until `useEnableTotp`. */
export function useTotpSetup() {
  return useMutation({
    mutationFn: (): Promise<TotpSetup> =>
      callApi('/auth/totp/setup', { method: 'POST', parser: totpSetupSchema }),
  });
}

/** Turns the second factor on; a wrong code comes back as 400 with `details` on `code`. */
export function useEnableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { secret: string; code: string }) =>
      callApiWithoutResult('/auth/totp/enable', { method: 'POST', body: input }),
    // The session's permissions change once a required second factor is on.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY }),
  });
}
