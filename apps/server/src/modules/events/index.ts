// Events: what the platform itself noticed (agents down or recovered, dropped backlogs), stored and listed.
export { createEventService } from './event-service.js';
export type { EventService, RaisedEvent } from './event-service.js';
export { eventRoutes } from './event-routes.js';
