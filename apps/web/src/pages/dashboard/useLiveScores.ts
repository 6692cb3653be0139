import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { followScores, ScoreChange } from '../../api/live';

export type LiveState = 'connecting' | 'live';
const COALESCE_MS = 400;

/**
 * Follows the campaign's score changes and refreshes the given queries once a burst of changes has passed (a meeting
 * of 30 members is 30 changes, the board needs one reload).
 */
export function useLiveScores(campaignId: string | undefined, refresh: readonly (readonly unknown[])[], onChange?: (change: ScoreChange) => void): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const refreshKey = JSON.stringify(refresh);
  useEffect(() => {
    if (!campaignId) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const keys = JSON.parse(refreshKey) as unknown[][];
    const stop = followScores(campaignId, {
      onReady: () => {
        setState('live');
        // Whatever changed while we were away.
        for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
      },
      onChange: (change) => {
        onChange?.(change);
        clearTimeout(timer);
        timer = setTimeout(() => keys.forEach((queryKey) => void queryClient.invalidateQueries({ queryKey })), COALESCE_MS);
      },
      onDisconnect: () => setState('connecting'),
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [campaignId, refreshKey, queryClient, onChange]);
  return state;
}
