/** A titled chart with its 导出 PNG button. The PNG carries the title, the chart and its legend. */
import { useRef, useState, type ReactNode } from 'react';
import { Button } from '../components/Button';
import { useT } from '../i18n';
import { errorMessage } from '../stores/load';
import { toast } from '../stores/toast';
import { exportChartPng } from './export-png';

export interface ChartFrameProps {
  title: string;
  subtitle?: string;
  /** File name without extension. */
  fileName: string;
  className?: string;
  actions?: ReactNode;
  /** Shown instead of nothing when the chart has no data (the export button is then hidden). */
  empty?: ReactNode;
  children: ReactNode;
}

export function ChartFrame({ title, subtitle, fileName, className, actions, empty, children }: ChartFrameProps) {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState(false);
  const onExport = async () => {
    if (!body.current) return;
    setPending(true);
    try {
      await exportChartPng(body.current, fileName, { title, subtitle });
      toast(t('chart.exported'), 'success');
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setPending(false);
    }
  };
  return (
    <figure className={['chart-frame', className ?? ''].join(' ')} aria-label={title}>
      <figcaption className="chart-head">
        <div className="chart-titles">
          <h3 className="chart-title">{title}</h3>
          {subtitle && <p className="chart-subtitle">{subtitle}</p>}
        </div>
        <div className="chart-actions">
          {actions}
          {!empty && (
            <Button size="small" className="export-png" pending={pending} onClick={() => void onExport()}>
              {t('chart.exportPng')}
            </Button>
          )}
        </div>
      </figcaption>
      <div ref={body} className="chart-body">
        {empty ?? children}
      </div>
    </figure>
  );
}
