import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests: a small node:http server on 127.0.0.1 answering
 * `POST /v1/chat/completions` the way the tests script it, so the real `openai` client talks to it
 * over loopback. It records every request body it receives.
 */

export interface StubRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** What the stub does with one request. */
export type StubAnswer =
  | { kind: 'content'; content: string }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** A 200 whose body is not JSON at all. */
  | { kind: 'raw'; status: number; body: string; contentType: string }
  /** Never answers (until the stub closes): the client's timeout has to end it. */
  | { kind: 'hang' };

export type StubBehaviour = (request: StubRequest) => StubAnswer;

export interface OpenAiStub {
  /** The base URL to give the client, `http://127.0.0.1:PORT/v1`. */
  baseURL: string;
  requests: StubRequest[];
  /** Scripts the next requests; the default answers every request with `content` from `reply`. */
  behave(behaviour: StubBehaviour): void;
  close(): Promise<void>;
}

export async function startOpenAiStub(initial: StubBehaviour): Promise<OpenAiStub> {
  let behaviour = initial;
  const requests: StubRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // recorded as text
    }
    const request: StubRequest = { path: req.url ?? '', headers: req.headers, body };
    requests.push(request);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const answer = behaviour(request);
    switch (answer.kind) {
      case 'hang':
        hanging.add(res);
        return;
      case 'raw':
        res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
        return;
      case 'status':
        res
          .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
          .end(JSON.stringify(answer.body ?? { error: { message: `stub answered ${answer.status}`, type: 'server_error' } }));
        return;
      case 'content':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion((body as { model?: string }).model ?? 'stub', answer.content)));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    behave(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Chat Completions answer carrying `content`. */
export function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: 1_790_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** The facts the server sent: the JSON document in the user message. */
export function factsOf(request: StubRequest): any {
  const user = (request.body.messages as { role: string; content: string }[]).find((m) => m.role === 'user')!.content;
  return JSON.parse(user.slice(user.indexOf('{')));
}
