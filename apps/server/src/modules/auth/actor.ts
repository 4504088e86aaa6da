/** Who is calling. Every authenticated request resolves to one actor; authorisation and audit decide on it in one place. */
export type Actor =
  | { readonly kind: 'user'; readonly userId: string; readonly username: string }
  | { readonly kind: 'token'; readonly tokenId: string; readonly userId: string; readonly username: string }
  | { readonly kind: 'system'; readonly name: string };

export const SYSTEM_ACTOR: Actor = { kind: 'system', name: 'ganzhi' };
