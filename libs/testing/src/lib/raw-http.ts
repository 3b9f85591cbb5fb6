import { Agent, request } from 'undici';

/** A plain HTTP answer, body parsed when it is JSON. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Headers of a JSON request. */
const JSON_REQUEST_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** Sends raw requests (any header, any body) to a test server; `close()` ends its connections. */
export class RawHttp {
  private readonly agent = new Agent({ keepAliveTimeout: 1000 });

  /** Sends one request; bounded to 5 s for the headers and 5 s for the body. */
  async send(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
    const response = await request(url, {
      method: method as 'GET',
      headers,
      body,
      dispatcher: this.agent,
      headersTimeout: 5000,
      bodyTimeout: 5000,
    });
    const text = await response.body.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.statusCode, headers: response.headers, body: parsed };
  }

  /** A POST with JSON headers (unless others are given) and the body (an object is serialised). */
  postJson(url: string, body: unknown, headers: Record<string, string> = JSON_REQUEST_HEADERS): Promise<RawAnswer> {
    return this.send(url, 'POST', headers, typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** Closes the connections. */
  close(): Promise<void> {
    return this.agent.close();
  }
}
