// Worker thread that renders page states, so a large page's render never stalls live sync on the main thread.
import { parentPort } from 'node:worker_threads';
import { renderPageState, type RenderedPage } from './pageRenderer.js';

export interface RenderRequest {
  id: number;
  state: Uint8Array;
}
export type RenderResponse =
  | ({ id: number; ok: true } & RenderedPage)
  | { id: number; ok: false; message: string };

parentPort!.on('message', ({ id, state }: RenderRequest) => {
  let response: RenderResponse;
  try {
    response = { id, ok: true, ...renderPageState(state) };
  } catch (error) {
    response = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(response);
});
