import { ArgumentsHost, BadRequestException, ConflictException, ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { runInContext } from '@campaign/service-kit';
import { forbidden, ProblemBody, ProblemFilter } from './problems';

function answered(exception: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): { status: number; body: ProblemBody } {
  const sent: { status: number; body: ProblemBody } = { status: 0, body: {} as ProblemBody };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: ProblemBody) {
      sent.body = body;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  runInContext({ correlationId: 'c', locale }, () => new ProblemFilter().catch(exception, host));
  return sent;
}

describe('error bodies', () => {
  it('say what is wrong in the caller’s language, with a stable code', () => {
    const zh = runInContext({ correlationId: 'c', locale: 'zh-CN' }, () => forbidden('unit.out-of-scope', { unitName: '盈口乡' }));
    const en = runInContext({ correlationId: 'c', locale: 'en' }, () => forbidden('unit.out-of-scope', { unitName: '盈口乡' }));
    expect(answered(zh)).toEqual({ status: 403, body: { statusCode: 403, code: 'unit.out-of-scope', message: '单位“盈口乡”不在您管理的范围内' } });
    expect(answered(en).body.message).toBe('Unit 盈口乡 is outside the units you manage');
  });

  it('turn request validation failures into a coded message naming the fields, keeping the details', () => {
    const { status, body } = answered(new BadRequestException(['name should not be empty', 'kind must be one of the following values: township']), 'en');
    expect(status).toBe(400);
    expect(body).toEqual({
      statusCode: 400,
      code: 'request.invalid',
      message: 'Invalid request: name, kind',
      details: ['name should not be empty', 'kind must be one of the following values: township'],
    });
    expect(answered(new BadRequestException(['name should not be empty'])).body.message).toBe('请求参数有误：name');
  });

  it('keep a message its thrower already worded in the caller’s language, with a code for its status', () => {
    expect(answered(new ConflictException('成员 m1 不在待安置名单中')).body).toEqual({ statusCode: 409, code: 'conflict', message: '成员 m1 不在待安置名单中' });
  });

  it('localise the token guard’s refusals and hide unexpected errors behind a 500', () => {
    expect(answered(new UnauthorizedException('a bearer token is required')).body).toMatchObject({ code: 'auth.unauthorized', message: '需要有效的访问令牌' });
    expect(answered(new ForbiddenException('requires one of the roles: district-admin')).body).toMatchObject({ code: 'auth.forbidden' });
    expect(answered(new NotFoundException('Cannot GET /nowhere')).body).toMatchObject({ code: 'http.not-found', message: '请求的地址不存在' });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const crash = answered(new Error('connection reset'));
    expect(crash).toEqual({ status: 500, body: { statusCode: 500, code: 'internal-error', message: '服务器内部错误，请稍后重试' } });
  });
});
