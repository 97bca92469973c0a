/**
 * The catalogue (retired indicators included: they keep their data and
 * charts), the regions, and each indicator's actual values, cached.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Catalogue, Observation, Region } from '../../../shared/contract';
import { invoke } from '../api/client';
import { errorMessage, type Load } from './load';

interface CatalogueState {
  catalogue: Load<Catalogue>;
  regions: Region[];
  /** Actual values per indicator code, all regions and periods. */
  observations: Record<string, Load<Observation[]>>;
  load(force?: boolean): Promise<void>;
  loadObservations(code: string, force?: boolean): Promise<void>;
  /** Forget cached values (after an import, an entry, a restore). */
  invalidateObservations(): void;
}

let inflight: Promise<void> | null = null;

export const useCatalogue = create<CatalogueState>((set, get) => ({
  catalogue: { status: 'idle' },
  regions: [],
  observations: {},

  load(force = false) {
    if (inflight) return force ? inflight.then(() => get().load(true)) : inflight;
    const cur = get().catalogue;
    if (!force && cur.status === 'ready') return Promise.resolve();
    set({ catalogue: cur.status === 'ready' ? { ...cur, refreshing: true } : { status: 'loading' } });
    inflight = (async () => {
      try {
        const [catalogue, regions] = await Promise.all([invoke('catalogue.get', { includeRetired: true }), invoke('regions.list', {})]);
        set({ catalogue: { status: 'ready', value: catalogue }, regions });
      } catch (e) {
        const prev = get().catalogue;
        // A failed refresh keeps what is on screen.
        set({ catalogue: prev.status === 'ready' ? { status: 'ready', value: prev.value } : { status: 'error', message: errorMessage(e) } });
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  },

  async loadObservations(code, force = false) {
    const current = get().observations[code];
    if (!force && current && (current.status === 'ready' || current.status === 'loading')) return;
    set((s) => ({
      observations: { ...s.observations, [code]: current?.status === 'ready' ? { ...current, refreshing: true } : { status: 'loading' } },
    }));
    try {
      const value = await invoke('observations.list', { indicator: code });
      set((s) => ({ observations: { ...s.observations, [code]: { status: 'ready', value } } }));
    } catch (e) {
      set((s) => ({ observations: { ...s.observations, [code]: { status: 'error', message: errorMessage(e) } } }));
    }
  },

  invalidateObservations() {
    set({ observations: {} });
  },
}));

/** For a page that needs the catalogue: loads it when the page opens (a no-op once it is loaded). */
export function useCatalogueLoaded(): void {
  const load = useCatalogue((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
}
