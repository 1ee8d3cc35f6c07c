import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Handlers run one after another as a single Express handler. Express's router gives every handler of a route its
 * own layer: a path match, a `next` closure and debug calls per handler and per request, which on the GraphQL route
 * (ten handlers) was a measurable share of what a request allocates. Here one `next` serves the whole series.
 * Semantics kept from the router: `next(error)` (or a throw, or a rejected promise) skips the rest and hands the
 * error on; `next()` after the last handler goes on to whatever follows the series.
 */
export function series(handlers: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let at = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        done(error);
        return;
      }
      const handler = handlers[at];
      at += 1;
      if (!handler) {
        done();
        return;
      }
      try {
        const returned: unknown = handler(req, res, step);
        if (returned instanceof Promise) returned.catch(done);
      } catch (thrown) {
        done(thrown);
      }
    };
    step();
  };
}
