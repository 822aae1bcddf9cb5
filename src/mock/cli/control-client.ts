/** The subcommands' side of the control API: one JSON request to a running `kms-mock serve`. */
import { ACCOUNT_HEADER } from '../node/accounts.ts';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4599';

export class ControlRequestError extends Error {
  override name = 'ControlRequestError';
}

/** A running server, and the account (12 digits) whose world a command addresses; none is the default account. */
export interface ServerAddress {
  endpoint: string;
  account?: string | undefined;
}

/** Sends one control request; resolves with the JSON answer, rejects with what went wrong in one line. */
export async function callControl(
  { endpoint, account }: ServerAddress,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<unknown> {
  const url = `${endpoint.replace(/\/+$/, '')}/_mock/${route}`;
  const accountHeader = account === undefined ? {} : { [ACCOUNT_HEADER]: account };
  let response: Response;
  try {
    // Every POST is JSON, a bodiless one too: the server refuses other POSTs (a web page's text/plain form).
    response = await fetch(
      url,
      method === 'POST'
        ? { method, body: JSON.stringify(body ?? {}), headers: { 'content-type': 'application/json', ...accountHeader } }
        : { method, headers: accountHeader },
    );
  } catch {
    throw new ControlRequestError(
      `No kms-mock server answers at ${endpoint}: start one with \`kms-mock serve\`, or pass --endpoint.`,
    );
  }
  const text = await response.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new ControlRequestError(`${url} answered ${response.status} with something that is not JSON: is it a kms-mock server?`);
  }
  if (!response.ok) {
    const reason = typeof answer === 'object' && answer !== null && 'error' in answer ? String(answer.error) : text;
    // A refused request (4xx) is the reader's input: its reason is the message. A server failure keeps its status.
    throw new ControlRequestError(response.status < 500 ? reason : `${response.status}: ${reason}`);
  }
  return answer;
}
