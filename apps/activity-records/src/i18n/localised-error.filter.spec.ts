import { ArgumentsHost, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { LocalisedErrorFilter } from './localised-error.filter';

function answer(exception: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new LocalisedErrorFilter().catch(exception, host);
  return sent;
}

describe('LocalisedErrorFilter', () => {
  it("keeps a body that already has its code, such as the rate limit's 429 with Retry-After's figures", () => {
    const body = { statusCode: 429, code: 'rate-limited', message: 'too many requests', details: [{ limit: 10, windowSeconds: 60, retryAfterSeconds: 42 }] };
    expect(answer(new HttpException(body, HttpStatus.TOO_MANY_REQUESTS))).toEqual({ status: 429, body });
  });

  it("words Nest's own error bodies in the caller's language under a code for their status", () => {
    expect(answer(new NotFoundException('Cannot GET /nowhere'))).toEqual({ status: 404, body: expect.objectContaining({ statusCode: 404, code: 'not-found' }) });
  });
});
