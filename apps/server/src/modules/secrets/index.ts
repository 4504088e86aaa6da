// Secrets: probe secrets stored sealed (AES-256-GCM) and the secret key that also seals second-factor keys.
export { createSecretService } from './secret-service.js';
export type { SecretService } from './secret-service.js';
export { secretRoutes } from './secret-routes.js';
export { createSecretBox, loadOrCreateSecretKey, parseSecretKey } from './secret-box.js';
export type { SecretBox } from './secret-box.js';
