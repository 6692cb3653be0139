import { calibrate } from './calibration';

describe('calibration view', () => {
  it("sets each reviewer's distribution next to the others' and shows who is lenient or strict", () => {
    const { overall, reviewers } = calibrate([
      { reviewerUnitId: 'u-edu', rating: 'excellent' },
      { reviewerUnitId: 'u-edu', rating: 'excellent' },
      { reviewerUnitId: 'u-town', rating: 'pass' },
      { reviewerUnitId: 'u-town', rating: 'good' },
    ]);
    expect(overall).toEqual({ excellent: 2, good: 1, pass: 1, fail: 0, total: 4 });
    const [edu, town] = reviewers;
    expect(edu.reviewerUnitId).toBe('u-edu');
    expect(edu.shares.excellent).toBe(1);
    expect(edu.othersShares).toEqual({ excellent: 0, good: 0.5, pass: 0.5, fail: 0 });
    expect(edu.leniency).toBe(1.5);
    expect(town.leniency).toBe(-1.5);
  });

  it('gives a lone reviewer no leniency to compare', () => {
    expect(calibrate([{ reviewerUnitId: 'u-1', rating: 'good' }]).reviewers[0].leniency).toBe(0);
  });
});
