import { Agent, request } from 'undici';

/** A plain HTTP answer, body parsed when it is JSON. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Sends raw requests (any header, any body) to a test server; `close()` ends its connections. */
export class RawHttp {
  private readonly agent = new Agent({ keepAliveTimeout: 1000 });

  async send(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
    const response = await request(url, { method: method as 'GET', headers, body, dispatcher: this.agent, headersTimeout: 5000, bodyTimeout: 5000 });
    const text = await response.body.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.statusCode, headers: response.headers, body: parsed };
  }

  /** `POST /v1/oauth/tokens` with JSON headers and the given body (an object is serialised). */
  token(baseUrl: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }): Promise<RawAnswer> {
    return this.send(`${baseUrl}/v1/oauth/tokens`, 'POST', headers, typeof body === 'string' ? body : JSON.stringify(body));
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
