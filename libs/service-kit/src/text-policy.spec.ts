import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TEXT_MAX_LENGTH, TextField, TextPolicyPipe } from './text-policy';

class UnitInput {
  @TextField('name')
  name: string;

  @TextField('code', { required: false })
  code?: string;

  @TextField('text', { required: false })
  note?: string;
}

const errorsOf = (input: object) => validateSync(plainToInstance(UnitInput, input)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('the text policy', () => {
  const pipe = new TextPolicyPipe();
  const body = (value: unknown) => pipe.transform(value, { type: 'body' });

  it('normalises every string and key of a body to NFC, arrays and nesting included', () => {
    const decomposed = 'Cafe\u0301';
    expect(body({ name: decomposed, tags: [decomposed], nested: { [decomposed]: decomposed } })).toEqual({
      name: 'Café',
      tags: ['Café'],
      nested: { Café: 'Café' },
    });
  });

  it('refuses NUL and lone surrogates anywhere, naming each field', () => {
    const refusal = (() => {
      try {
        body({ name: 'a\u0000b', contacts: { email: 'x\ud800@example.org' }, posts: ['ok', '\udc00'] });
      } catch (error) {
        return error as BadRequestException;
      }
      throw new Error('accepted');
    })();
    expect(refusal.getStatus()).toBe(400);
    expect((refusal.getResponse() as { message: string[] }).message).toEqual([
      'name must not contain a NUL character',
      'contacts.email must not contain a lone UTF-16 surrogate',
      'posts[1] must not contain a lone UTF-16 surrogate',
    ]);
  });

  it('checks query strings and route parameters too, and leaves other values alone', () => {
    expect(() => pipe.transform('\ud83d', { type: 'param', data: 'id' })).toThrow(BadRequestException);
    expect(() => pipe.transform(Object.assign(Object.create(null), { name: 'a\u0000' }), { type: 'query' })).toThrow(BadRequestException);
    expect(pipe.transform({ limit: 5, on: true, none: null }, { type: 'query' })).toEqual({ limit: 5, on: true, none: null });
  });

  it('normalises and checks a DTO instance in place when a validation pipe made it first', () => {
    const dto = Object.assign(new UnitInput(), { name: 'Cafe\u0301', code: 'XZ-YK' });
    expect(body(dto)).toBe(dto);
    expect(dto.name).toBe('Café');
    expect(() => body(Object.assign(new UnitInput(), { name: 'a\u0000' }))).toThrow(BadRequestException);
  });

  it('welcomes Chinese, mixed scripts and emoji, whole surrogate pairs included', () => {
    expect(body({ name: '盈口乡 Yingkou 党支部 🎉' })).toEqual({ name: '盈口乡 Yingkou 党支部 🎉' });
    expect(errorsOf({ name: '区教育局 Education Bureau 🎉', code: 'XZ-YK' })).toEqual([]);
  });

  it('refuses bidi and zero-width controls in names and codes, not in free text', () => {
    expect(errorsOf({ name: '盈口乡\u202Egnp.exe' })).toHaveLength(1);
    expect(errorsOf({ name: '盈口\u200B乡' })).toHaveLength(1);
    expect(errorsOf({ name: '盈口乡', code: 'XZ\u2066-YK' })).toHaveLength(1);
    expect(errorsOf({ name: '盈口乡', note: 'שלום \u200F mixed 混合' })).toEqual([]);
  });

  it('requires a required field, refuses empty strings and enforces each kind’s maximum length', () => {
    expect(errorsOf({})).not.toEqual([]);
    expect(errorsOf({ name: '' })).not.toEqual([]);
    expect(errorsOf({ name: '名'.repeat(TEXT_MAX_LENGTH.name) })).toEqual([]);
    expect(errorsOf({ name: '名'.repeat(TEXT_MAX_LENGTH.name + 1) })).toHaveLength(1);
    expect(errorsOf({ name: '盈口乡', code: 'c'.repeat(TEXT_MAX_LENGTH.code + 1) })).toHaveLength(1);
  });

  it('shows the maximum length and whether a field is required in OpenAPI', () => {
    const documented = (property: string) => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, UnitInput.prototype, property);
    expect(documented('name')).toMatchObject({ required: true, maxLength: TEXT_MAX_LENGTH.name, minLength: 1 });
    expect(documented('code')).toMatchObject({ required: false, maxLength: TEXT_MAX_LENGTH.code });
  });
});
