import type { Role } from '@retailmind/sdk/contract';

/** The room of a role. Sockets are put in it by the server from their token; clients cannot join rooms. */
export const roomOf = (role: Role) => `role:${role}`;
