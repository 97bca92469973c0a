/** The catalogue, the regions, the selected indicator and its actual values. */
import { create } from 'zustand';
import type { Catalogue, Observation, Region } from '../../../shared/contract';
import { invoke } from '../api/client';

type Load<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

interface CatalogueState {
  catalogue: Load<Catalogue>;
  regions: Region[];
  selected: string | null;
  /** Region code the chart shows; the province by default. */
  region: string | null;
  query: string;
  /** Actual values per indicator code, all regions. */
  observations: Record<string, Load<Observation[]>>;
  load(): Promise<void>;
  select(code: string): void;
  setRegion(code: string): void;
  setQuery(query: string): void;
  loadObservations(code: string, force?: boolean): Promise<void>;
}

const message = (e: unknown) => (e as Error)?.message ?? String(e);

export const useCatalogue = create<CatalogueState>((set, get) => ({
  catalogue: { status: 'idle' },
  regions: [],
  selected: null,
  region: null,
  query: '',
  observations: {},

  async load() {
    set({ catalogue: { status: 'loading' } });
    try {
      const [catalogue, regions] = await Promise.all([invoke('catalogue.get', {}), invoke('regions.list', {})]);
      const province = regions.find((r) => r.kind === 'province') ?? regions[0];
      set({ catalogue: { status: 'ready', value: catalogue }, regions, region: get().region ?? province?.code ?? null });
    } catch (e) {
      set({ catalogue: { status: 'error', message: message(e) } });
    }
  },

  select(code) {
    set({ selected: code });
    void get().loadObservations(code);
  },

  setRegion(code) {
    set({ region: code });
  },

  setQuery(query) {
    set({ query });
  },

  async loadObservations(code, force = false) {
    const current = get().observations[code];
    if (!force && current && (current.status === 'ready' || current.status === 'loading')) return;
    set((s) => ({ observations: { ...s.observations, [code]: { status: 'loading' } } }));
    try {
      const value = await invoke('observations.list', { indicator: code });
      set((s) => ({ observations: { ...s.observations, [code]: { status: 'ready', value } } }));
    } catch (e) {
      set((s) => ({ observations: { ...s.observations, [code]: { status: 'error', message: message(e) } } }));
    }
  },
}));
