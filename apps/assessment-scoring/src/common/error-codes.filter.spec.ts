import { ArgumentsHost, BadRequestException, ConflictException, ForbiddenException, HttpException, HttpStatus, NotFoundException, ValidationPipe } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ErrorCodeFilter, problem } from './error-codes.filter';

/** What the filter answers for an exception: the status and the JSON body it sends. */
function answered(exception: HttpException): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    status(status: number) {
      sent.status = status;
      return response;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ErrorCodeFilter().catch(exception, host);
  return sent;
}

class NamedDto {
  @IsString()
  name!: string;
}

describe('assessment-scoring: every 4xx carries a code', () => {
  it('keeps the message key of a refusal the service words itself, with its status', () => {
    expect(answered(new ConflictException(problem('appraisal.not-self-evaluated', { subjectId: 'm-li' }))).body).toEqual({
      statusCode: 409,
      code: 'appraisal.not-self-evaluated',
      message: expect.stringContaining('m-li'),
    });
  });

  it('gives Nest’s own refusals their status’s code and keeps what they say', async () => {
    const validation = await new ValidationPipe().transform({ name: 1 }, { type: 'body', metatype: NamedDto }).catch((error: BadRequestException) => error);
    expect(answered(validation as BadRequestException)).toEqual({ status: 400, body: { statusCode: 400, code: 'bad-request', error: 'Bad Request', message: ['name must be a string'] } });
    expect(answered(new NotFoundException('Cannot GET /nowhere')).body).toMatchObject({ statusCode: 404, code: 'not-found', message: 'Cannot GET /nowhere' });
    expect(answered(new ForbiddenException()).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
    expect(answered(new HttpException('teapot', 418)).body).toEqual({ statusCode: 418, code: 'http-418', message: 'teapot' });
  });

  it('leaves a body that has its code as it is (the rate limit’s 429)', () => {
    const limited = { statusCode: 429, code: 'rate-limited', message: 'too many requests', details: [{ limit: 10 }] };
    expect(answered(new HttpException(limited, HttpStatus.TOO_MANY_REQUESTS)).body).toEqual(limited);
  });
});
