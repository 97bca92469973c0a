/**
 * 报告: the quarterly report workbook (one quarter, optionally one region),
 * and the indicator catalogue as an editable workbook — export it, and
 * import an edited one with a preview, a confirm and an undo.
 */
import { useT } from '../../i18n';
import { useCatalogueLoaded } from '../../stores/catalogue';
import { CatalogueWorkbook } from './CatalogueWorkbook';
import { QuarterlyReport } from './QuarterlyReport';
import './reports.css';

export default function ReportsPage() {
  const t = useT();
  useCatalogueLoaded();
  return (
    <div className="ub-page ub-reports">
      <header className="ub-page-head">
        <h2>{t('ub.reports.title')}</h2>
      </header>
      <div className="ub-reports-grid">
        <QuarterlyReport />
        <CatalogueWorkbook />
      </div>
    </div>
  );
}
