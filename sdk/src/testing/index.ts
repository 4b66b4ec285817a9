/**
 * `@retailmind/sdk/testing`: a fake transport for the client, answering from fixtures the real server
 * recorded on `data/sample`, and an in-memory live hub. For Storybook, widget tests and demos that
 * must run without a server. Not part of the production client.
 *
 * @packageDocumentation
 */
export {
  createFakeClient,
  createFakeFetch,
  emptyBody,
  recordedBody,
  sample,
} from './fake-transport.js';
export type { FakeCall, FakeClient, FakeClientOptions, FakeFetch, FakeLive, FakePath, FakeScenario, FakeTransportOptions } from './fake-transport.js';
