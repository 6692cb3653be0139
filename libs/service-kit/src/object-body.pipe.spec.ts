import { ObjectBodyPipe } from './object-body.pipe';

class SettingsDto {
  timeZone?: string;
}

describe('ObjectBodyPipe', () => {
  const pipe = new ObjectBodyPipe();

  it('refuses an array where the body is declared as a DTO', () => {
    expect(() => pipe.transform([], { type: 'body', metatype: SettingsDto })).toThrow('Bad Request');
  });

  it('lets objects through, and arrays where the body is declared as a list, a plain object or nothing', () => {
    expect(pipe.transform({ timeZone: 'Asia/Shanghai' }, { type: 'body', metatype: SettingsDto })).toEqual({ timeZone: 'Asia/Shanghai' });
    expect(pipe.transform([1], { type: 'body', metatype: Array })).toEqual([1]);
    expect(pipe.transform([1], { type: 'body', metatype: Object })).toEqual([1]);
    expect(pipe.transform([1], { type: 'body' })).toEqual([1]);
    expect(pipe.transform(['a'], { type: 'query', metatype: SettingsDto })).toEqual(['a']);
  });
});
