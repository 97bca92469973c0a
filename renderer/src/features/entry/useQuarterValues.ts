import { useCallback, useMemo, useState } from 'react';
import type { Observation } from '../../../../shared/contract';
import { parsePeriod, previousQuarter } from '../../../../shared/periods';
import { invoke } from '../../api/client';

/**
 * One region's values of a quarter (by indicator), of the quarter before
 * (the 上期值 column), and whether the quarter is locked (已审定 in the
 * returns tracker). `reload` reads them all again; `setValues` keeps the
 * grid current after a save without a round trip.
 */
export function useQuarterValues(region: string | null, period: string) {
  const [values, setValues] = useState<Map<string, Observation>>(new Map());
  const [previous, setPrevious] = useState<Map<string, number>>(new Map());
  const [locked, setLocked] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const prevPeriod = useMemo(() => {
    const p = parsePeriod(period);
    return p ? previousQuarter(p).code : period;
  }, [period]);

  const reload = useCallback(async () => {
    if (!region) return;
    setLoading(true);
    try {
      const [cur, prev, tracker] = await Promise.all([
        invoke('observations.list', { region, period }),
        invoke('observations.list', { region, period: prevPeriod }),
        invoke('tracker.list', { period }),
      ]);
      setValues(new Map(cur.map((o) => [o.indicator, o])));
      setPrevious(new Map(prev.map((o) => [o.indicator, o.value])));
      setLocked(tracker.find((r) => r.region === region)?.state === 'approved');
      setLoadError(null);
    } catch (e) {
      setLoadError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [region, period, prevPeriod]);

  return { values, setValues, previous, locked, loadError, loading, reload };
}
