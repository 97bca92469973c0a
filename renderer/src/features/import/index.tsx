/**
 * 填报与导入: the quarterly Excel round trip.
 *   导入       pick or drop returns → preview (new / changed / unchanged /
 *              rejected cells, warnings) → confirm → result, undo; 保存退回件
 *   下发模板   a return template for a region and quarter (optionally one unit)
 *   导入记录   every batch, with 撤销
 *   报送进度   the returns tracker of the quarter: states, 逾期, advance /
 *              reopen, the missing list
 *   省级汇总   many cities' long-format files at once: conflicts side by
 *              side, a choice per conflict, one batch per file
 */
import { useT } from '../../i18n';
import { useCatalogueLoaded } from '../../stores/catalogue';
import { useImportStore, type ImportTab } from '../../stores/ui-b-import';
import { BatchesTab } from './BatchesTab';
import { ConsolidateTab } from './ConsolidateTab';
import { ImportFilesTab } from './ImportFilesTab';
import { TemplateTab } from './TemplateTab';
import { TrackerTab } from './TrackerTab';
import './import.css';

const TABS: ImportTab[] = ['import', 'template', 'batches', 'tracker', 'consolidate'];

export default function ImportPage() {
  const t = useT();
  const tab = useImportStore((s) => s.tab);
  const setTab = useImportStore((s) => s.setTab);
  useCatalogueLoaded();

  return (
    <div className="ub-page ub-import">
      <header className="ub-page-head">
        <h2>{t('ub.import.title')}</h2>
      </header>
      <div className="ub-tabs" role="tablist" aria-label={t('ub.import.title')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`ub-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`ub-panel-${id}`}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const i = TABS.indexOf(id);
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
                setTab(next);
                document.getElementById(`ub-tab-${next}`)?.focus();
              }
            }}
          >
            {t(`ub.import.tab.${id}`)}
          </button>
        ))}
      </div>
      <section id={`ub-panel-${tab}`} role="tabpanel" aria-labelledby={`ub-tab-${tab}`} className="ub-tabpanel">
        {tab === 'import' && <ImportFilesTab />}
        {tab === 'template' && <TemplateTab />}
        {tab === 'batches' && <BatchesTab />}
        {tab === 'tracker' && <TrackerTab />}
        {tab === 'consolidate' && <ConsolidateTab />}
      </section>
    </div>
  );
}
