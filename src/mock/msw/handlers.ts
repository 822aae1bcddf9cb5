/**
 * The MSW adapter. It turns a fetch `Request` to a KMS host (or a CloudHSM host: the simulation
 * answers `cloudhsmv2` over the same world) into a wire request for the simulation, and the wire
 * response back into a `Response`.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { CLOUDHSM_HOST, KMS_HOST } from '../core/protocol';
import type { KmsSimulation } from '../core/simulation';

export function createKmsHandlers(simulation: KmsSimulation): HttpHandler[] {
  return [
    http.post(
      ({ request }) => {
        const url = new URL(request.url);
        return (KMS_HOST.test(url.hostname) || CLOUDHSM_HOST.test(url.hostname)) && (url.pathname === '/' || url.pathname === '');
      },
      async ({ request }) => {
        const result = await simulation.handle({
          target: request.headers.get('x-amz-target'),
          body: await request.text(),
          sdkRequestHeader: request.headers.get('amz-sdk-request'),
        });
        if ('networkError' in result) return HttpResponse.error();
        return new HttpResponse(result.body, { status: result.status, headers: result.headers });
      },
    ),
  ];
}
