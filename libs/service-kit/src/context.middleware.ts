import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { negotiateLocale } from '@campaign/i18n';
import { CORRELATION_HEADER, newCorrelationId, runInContext } from './request-context';

/** Runs each HTTP request inside a context carrying its correlation id (echoed back in the response) and its language. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request & { id?: unknown }, response: Response, next: NextFunction): void {
    const header = request.headers[CORRELATION_HEADER];
    const correlationId = (typeof request.id === 'string' && request.id) || (Array.isArray(header) ? header[0] : header) || newCorrelationId();
    request.headers[CORRELATION_HEADER] = correlationId;
    response.setHeader(CORRELATION_HEADER, correlationId);
    runInContext({ correlationId, locale: negotiateLocale(request.headers['accept-language']) }, next);
  }
}
