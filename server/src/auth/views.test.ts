import { ROLES, ROUTES, type RouteName } from '@retailmind/sdk/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.js';
import { ROLE_MATRIX, allows, rolesFor } from './matrix.js';
import { refuseCampaignFilter, seesCampaigns, viewAs } from './views.js';

describe('role filtering', () => {
  it('hands a payload only to roles the matrix admits to its route', () => {
    const payload = { anything: true } as never;
    for (const route of Object.keys(ROUTES) as RouteName[])
      for (const role of ROLES) expect(viewAs(route, role, payload) !== null).toBe(allows(route, role));
    expect(viewAs('ingest', 'leadership', payload)).toBeNull();
    expect(viewAs('dashboardSummary', 'leadership', payload)).toBe(payload);
  });

  it('keeps campaign-level questions from leadership only', () => {
    expect(ROLES.filter(seesCampaigns)).toEqual(['manager', 'analyst']);
    const campaignQuery = new URLSearchParams('campaign=C1&channel=Email');
    expect(() => refuseCampaignFilter('analyst', campaignQuery)).not.toThrow();
    expect(() => refuseCampaignFilter('leadership', new URLSearchParams('channel=Email'))).not.toThrow();
    const error = (() => {
      try {
        refuseCampaignFilter('leadership', campaignQuery);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('lists a public route as open to every role and ingest as the manager\'s', () => {
    expect(ROLE_MATRIX.health).toBe('public');
    expect(rolesFor('health')).toEqual(ROLES);
    expect(rolesFor('ingest')).toEqual(['manager']);
  });
});
