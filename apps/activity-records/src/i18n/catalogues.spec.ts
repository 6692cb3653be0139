import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { catalogueProblems } from '@campaign/i18n';
import { runInContext } from '@campaign/service-kit';
import { BulkAttendanceDto } from '../attendance/attendance.dto';
import { LogStudyDto } from '../study-log/study-log.dto';
import { ReviewSubmissionDto } from '../submissions/submission.dto';
import { catalogues } from './catalogues';
import { fieldProblems } from './localised-validation.pipe';
import { conflict, label, LocalisedException } from './messages';

const inEnglish = <T>(work: () => T) => runInContext({ correlationId: 'test', locale: 'en' }, work);

const errorsOf = <T extends object>(type: new () => T, body: object) => validate(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true });
const problemsOf = async <T extends object>(type: new () => T, body: object) => fieldProblems(await errorsOf(type, body));

describe("activity-records' catalogues", () => {
  it('have every text in Chinese and English with the same placeholders', () => {
    expect(catalogueProblems(catalogues)).toEqual([]);
  });

  it('give errors a stable code and a message in the caller language, Chinese by default', () => {
    const error = conflict('stage-not-next', { from: label('stage', 'planning'), to: label('stage', 'appraisal') });
    expect(error).toBeInstanceOf(LocalisedException);
    expect(error.getResponse()).toEqual({ statusCode: 409, code: 'stage-not-next', message: '活动处于规划阶段，不能转入评比阶段' });
    const english = inEnglish(() => conflict('stage-not-next', { from: label('stage', 'planning'), to: label('stage', 'appraisal') }));
    expect(english.getResponse()).toMatchObject({ code: 'stage-not-next', message: 'A campaign in its planning stage cannot move to appraisal' });
  });

  it('name each invalid field with its constraint, told in the caller language', async () => {
    expect(await problemsOf(BulkAttendanceDto, { rows: [{ memberId: 'm-1', status: 'late' }] })).toEqual([
      { field: 'rows.0.status', constraint: 'isIn', message: 'rows.0.status必须是以下取值之一：present, absent, excused' },
    ]);
    expect(await problemsOf(LogStudyDto, { studiedOn: '20.11.2026', topic: '学习记录本', hours: 2, extra: 1 })).toEqual([
      { field: 'extra', constraint: 'whitelistValidation', message: '不接受字段extra' },
      { field: 'studiedOn', constraint: 'matches', message: 'studiedOn的格式应为YYYY-MM-DD' },
    ]);
    const missingComment = await errorsOf(ReviewSubmissionDto, { outcome: 'returned', comment: '' });
    expect(inEnglish(() => fieldProblems(missingComment))).toEqual([{ field: 'comment', constraint: 'isNotEmpty', message: 'comment must not be empty' }]);
  });
});
