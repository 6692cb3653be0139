import { nextStage, stageRefusal } from './stage-rules';

describe('campaign stage rules', () => {
  it('allows plans, activities and records while planning and operating', () => {
    expect(stageRefusal('planning', 'plan')).toBeNull();
    expect(stageRefusal('operation', 'record')).toBeNull();
    expect(stageRefusal('operation', 'schedule-activity', 'collective-study')).toBeNull();
  });

  it('lets only the launch meetings be scheduled in the planning stage', () => {
    expect(stageRefusal('planning', 'schedule-activity', 'mobilisation-meeting')).toBeNull();
    expect(stageRefusal('planning', 'schedule-activity', 'collective-study')).toEqual({ reason: 'activity-kind', allowedKinds: ['mobilisation-meeting', 'special-meeting'] });
  });

  it('allows only reviews in appraisal and nothing once closed', () => {
    expect(stageRefusal('appraisal', 'review')).toBeNull();
    expect(stageRefusal('appraisal', 'record')).toEqual({ reason: 'stage' });
    expect(stageRefusal('appraisal', 'plan')).not.toBeNull();
    expect(stageRefusal('closed', 'review')).not.toBeNull();
  });

  it('moves stages forward one at a time', () => {
    expect(nextStage('planning')).toBe('operation');
    expect(nextStage('operation')).toBe('appraisal');
    expect(nextStage('appraisal')).toBe('closed');
    expect(nextStage('closed')).toBeNull();
  });
});
