import type { PipelinePolicy, PipelineRequest, PipelineResponse, SendRequest } from '@azure/core-rest-pipeline';

/**
 * A deadline on each try of an ARM call, covering the whole answer: headers and body.
 *
 * The SDK pipeline has no default timeout, and its own `timeout` stops at the headers, so an ARM front end that
 * accepts the connection and then goes quiet (or stalls mid-body) would hang the run for good. Its retry policy
 * also gives up at once on what such faults look like to it: an `AbortError`, or a socket reset while the body
 * streams in, reported as a parse error. This policy runs once per try (`perRetry`, inside the retry loop), reads
 * the body itself, and turns both faults into network errors with the codes the retry policy retries
 * (`ETIMEDOUT`, `ECONNRESET`), so they are retried with backoff up to `maxRetries` like a 503, then reported.
 */
export const TRY_TIMEOUT_POLICY = 'apipostureTryTimeout';

/** What the SDK's retry policy recognises as a network failure: a `RestError` with a system error code. */
class TransientNetworkError extends Error {
  override readonly name = 'RestError';
  readonly statusCode = undefined;
  constructor(
    message: string,
    readonly code: 'ETIMEDOUT' | 'ECONNRESET',
    readonly request: PipelineRequest,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

async function readText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the deadline of one try: `expire` runs after `timeoutMs` unless the returned cancel runs first. A
 * parameter so that fault tests can end a try the moment their server withholds its answer, instead of waiting
 * out a deadline long enough for a loaded machine; the product always uses the timer.
 */
export type TryDeadline = (expire: () => void, timeoutMs: number, request: PipelineRequest) => () => void;

const timerDeadline: TryDeadline = (expire, timeoutMs) => {
  const timer = setTimeout(expire, timeoutMs);
  return () => clearTimeout(timer);
};

export function tryTimeoutPolicy(timeoutMs: number, startDeadline: TryDeadline = timerDeadline): PipelinePolicy {
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new RangeError(`the try timeout must be a positive number of milliseconds, not ${timeoutMs}`);
  return {
    name: TRY_TIMEOUT_POLICY,
    async sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse> {
      const outer = request.abortSignal;
      const streamed = request.streamResponseStatusCodes;
      // A caller that streams the body itself keeps the SDK's behaviour: the deadline then ends at the headers.
      const ownsBody = streamed === undefined || streamed.size === 0;
      const controller = new AbortController();
      let timedOut = false;
      const cancelDeadline = startDeadline(
        () => {
          timedOut = true;
          controller.abort();
        },
        timeoutMs,
        request,
      );
      const onOuterAbort = () => controller.abort();
      outer?.addEventListener('abort', onOuterAbort);
      request.abortSignal = controller.signal;
      if (ownsBody) request.streamResponseStatusCodes = new Set([Number.POSITIVE_INFINITY]);
      try {
        const response = await next(request);
        if (ownsBody && response.readableStreamBody) {
          response.bodyAsText = await readText(response.readableStreamBody);
          delete response.readableStreamBody;
        }
        return response;
      } catch (error) {
        if (outer?.aborted) throw error;
        if (timedOut) {
          throw new TransientNetworkError(`no complete answer within ${timeoutMs} ms`, 'ETIMEDOUT', request, {
            cause: error,
          });
        }
        const code = errorCode(error);
        if (code !== undefined && RESET_CODES.has(code)) {
          throw new TransientNetworkError(`connection lost during the answer (${code})`, 'ECONNRESET', request, {
            cause: error,
          });
        }
        throw error;
      } finally {
        cancelDeadline();
        outer?.removeEventListener('abort', onOuterAbort);
        if (outer) request.abortSignal = outer;
        else delete request.abortSignal;
        if (streamed) request.streamResponseStatusCodes = streamed;
        else delete request.streamResponseStatusCodes;
      }
    },
  };
}
