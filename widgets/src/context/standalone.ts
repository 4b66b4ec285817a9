import { createClient, type RetailMindClient, type Role } from '@retailmind/sdk';

const clients = new Map<string, RetailMindClient>();

/** One client per (api base, token), shared by the standalone elements of a page. */
export function standaloneClient(apiBase: string, token: string | undefined): RetailMindClient {
  const key = `${apiBase}\u0000${token ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = createClient({ baseUrl: apiBase, ...(token ? { token } : {}) });
    clients.set(key, client);
  }
  return client;
}

/** The `role` claim of a JWT, read without verifying it (display only: the server decides). */
export function roleFromToken(token: string | undefined | null): Role | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))) as { role?: unknown };
    return json.role === 'manager' || json.role === 'analyst' || json.role === 'leadership' ? json.role : undefined;
  } catch {
    return undefined;
  }
}

/** A comma-separated attribute as a list (undefined when empty). */
export function listAttribute(value: string | undefined | null): string[] | undefined {
  const list = value?.split(',').map((s) => s.trim()).filter(Boolean);
  return list && list.length ? list : undefined;
}
