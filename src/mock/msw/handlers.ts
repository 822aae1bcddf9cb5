/**
 * The MSW adapter: MSW request handlers around the fetch adapter, which turns a fetch `Request` to
 * a KMS host (or a CloudHSM host: the simulation answers `cloudhsmv2` over the same world) into a
 * wire request for the simulation, and the wire response back into a `Response`.
 */
import { http, type HttpHandler } from 'msw';
import type { WireRequest } from '../core/protocol.ts';
import type { HandleResult } from '../core/simulation.ts';
import { createFetchResponder } from '../fetch/fetch-responder.ts';

export function createKmsHandlers(handle: (request: WireRequest) => Promise<HandleResult>): HttpHandler[] {
  const responder = createFetchResponder(handle);
  return [
    http.post(
      ({ request }) => responder.answers(request),
      ({ request }) => responder.respond(request),
    ),
  ];
}
