import { z } from 'zod';
import { ConfigurationError, parseEnv, serviceEnvSchema } from './config';

const valid = {
  PORT: '3001',
  MONGO_URL: 'mongodb://127.0.0.1:27017/org',
  NATS_URL: 'nats://127.0.0.1:4222,nats://127.0.0.2:4222',
  AUTH_DEV_SECRET: 'x'.repeat(32),
};

describe('configuration', () => {
  const schema = serviceEnvSchema({ SMTP_URL: z.string().url().optional() });

  it('parses and types a valid environment with defaults', () => {
    const env = parseEnv(schema, valid);
    expect(env.PORT).toBe(3001);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.CONSUMER_MAX_DELIVER).toBe(5);
    expect(env.DOCS_ENABLED).toBe(true);
  });

  it('names every bad variable and says when one is missing', () => {
    try {
      parseEnv(schema, { ...valid, PORT: 'abc', MONGO_URL: undefined, SMTP_URL: 'not a url' });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const { problems } = error as ConfigurationError;
      expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
      expect(problems.some((p) => p.startsWith('MONGO_URL:') && p.endsWith('(not set)'))).toBe(true);
      expect(problems.some((p) => p.startsWith('SMTP_URL:'))).toBe(true);
    }
  });

  it('needs a token verifier, and refuses the development issuer in production', () => {
    expect(() => parseEnv(schema, { ...valid, AUTH_DEV_SECRET: undefined })).toThrow(/AUTH_JWKS_URL/);
    expect(() => parseEnv(schema, { ...valid, NODE_ENV: 'production' })).toThrow(/AUTH_DEV_SECRET: the development issuer is refused/);
    expect(parseEnv(schema, { ...valid, AUTH_DEV_SECRET: undefined, AUTH_JWKS_URL: 'https://idp.example/jwks' }).AUTH_JWKS_URL).toBe(
      'https://idp.example/jwks',
    );
  });

  it('refuses a short development secret and a non-NATS broker URL', () => {
    expect(() => parseEnv(schema, { ...valid, AUTH_DEV_SECRET: 'short' })).toThrow(/AUTH_DEV_SECRET: must be at least 32/);
    expect(() => parseEnv(schema, { ...valid, NATS_URL: 'http://x' })).toThrow(/NATS_URL/);
  });
});
