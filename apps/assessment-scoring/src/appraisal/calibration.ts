import { RATINGS } from '@campaign/contracts';
import { Rating } from './appraisal.schemas';

export type Distribution = Record<Rating, number> & { total: number };

export interface ReviewerCalibration {
  reviewerUnitId: string;
  ratings: Distribution;
  /** Share of each rating among this reviewer's ratings. */
  shares: Record<Rating, number>;
  /** The same shares among every other reviewer's ratings, to set them side by side. */
  othersShares: Record<Rating, number>;
  /** Positive: more lenient than the others (rates higher on average); negative: stricter. Ratings count 4..1. */
  leniency: number;
}

const SCORE: Record<Rating, number> = { excellent: 4, good: 3, pass: 2, fail: 1 };
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function emptyDistribution(): Distribution {
  return { excellent: 0, good: 0, pass: 0, fail: 0, total: 0 };
}

function shares(distribution: Distribution): Record<Rating, number> {
  return Object.fromEntries(RATINGS.map((rating) => [rating, distribution.total === 0 ? 0 : round3(distribution[rating] / distribution.total)])) as Record<Rating, number>;
}

function mean(distribution: Distribution): number {
  return distribution.total === 0 ? 0 : RATINGS.reduce((sum, rating) => sum + SCORE[rating] * distribution[rating], 0) / distribution.total;
}

/** Each reviewer's rating distribution next to everyone else's, so lenient and strict reviewers stand out. */
export function calibrate(reviews: ReadonlyArray<{ reviewerUnitId: string; rating: Rating }>): { overall: Distribution; reviewers: ReviewerCalibration[] } {
  const overall = emptyDistribution();
  const byReviewer = new Map<string, Distribution>();
  for (const review of reviews) {
    const distribution = byReviewer.get(review.reviewerUnitId) ?? emptyDistribution();
    distribution[review.rating] += 1;
    distribution.total += 1;
    overall[review.rating] += 1;
    overall.total += 1;
    byReviewer.set(review.reviewerUnitId, distribution);
  }
  const reviewers = [...byReviewer.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reviewerUnitId, ratings]) => {
      const others = emptyDistribution();
      for (const rating of RATINGS) others[rating] = overall[rating] - ratings[rating];
      others.total = overall.total - ratings.total;
      return { reviewerUnitId, ratings, shares: shares(ratings), othersShares: shares(others), leniency: others.total === 0 ? 0 : round3(mean(ratings) - mean(others)) };
    });
  return { overall, reviewers };
}
