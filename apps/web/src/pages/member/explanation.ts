import type { Explanation } from '../../api/types';

/** The lines of an explanation with their sum: what the page shows must add up to the total it shows. */
export function explanationSum(explanation: Explanation): { count: number; sum: number; matchesTotal: boolean } {
  const lines = explanation.indicators.flatMap((indicator) => indicator.lines);
  const sum = roundPoints(lines.reduce((total, line) => total + line.points, 0));
  return { count: lines.length, sum, matchesTotal: sum === roundPoints(explanation.total) };
}

/** Points may be fractional (study hours); sums are shown to two decimals, without float noise. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}
