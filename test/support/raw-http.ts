/** Raw HTTP against the mock's endpoint: AWS JSON 1.1 calls (unsigned) and control API calls. */

export interface RawAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined when empty or not JSON). */
  json: any;
}

async function answerOf(response: Response): Promise<RawAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json };
}

/** One AWS JSON 1.1 call: `POST /` with `X-Amz-Target: <target>`, no signature (the mock does not verify it). */
export async function awsJson(url: string, target: string, body: unknown = {}): Promise<RawAnswer> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return answerOf(response);
}

/** A control API call: GET without a body, POST as JSON with `body` (a string is sent as is). */
export async function control(
  url: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<RawAnswer> {
  const response = await fetch(`${url}/_mock/${path}`, {
    method,
    // The server takes only JSON POSTs, bodiless ones too (what keeps a web page's text/plain form out).
    ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' } }),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return answerOf(response);
}
