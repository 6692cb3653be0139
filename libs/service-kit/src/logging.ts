import { Params } from 'nestjs-pino';
import { IncomingMessage } from 'node:http';
import { CORRELATION_HEADER, currentContext, newCorrelationId } from './request-context';

/** JSON logs; every line carries the correlation id of the request or event being handled. */
export function loggerParams(serviceName: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service: serviceName },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const context = currentContext();
        return context ? { correlationId: context.correlationId, ...(context.causationId ? { causationId: context.causationId } : {}) } : {};
      },
      genReqId: (request: IncomingMessage) => {
        const header = request.headers[CORRELATION_HEADER];
        return (Array.isArray(header) ? header[0] : header) || newCorrelationId();
      },
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (request) => /^\/(health|metrics)/.test(request.url ?? '') },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  };
}
