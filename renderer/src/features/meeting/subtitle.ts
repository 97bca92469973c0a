/** The key message under each slide's title: what the chart says, in one line. */
import type { Translate } from '../../i18n';
import type { Slide } from './story';

/** `prevLabel`: the quarter the movers are measured from. */
export function subtitleOf(slide: Slide, t: Translate, prevLabel: string): string {
  switch (slide.kind) {
    case 'overview':
      return slide.judged
        ? t('ub.meeting.sub.overview', { judged: slide.judged, met: slide.met, near: slide.near, missed: slide.missed })
        : t('ub.meeting.sub.overviewEmpty');
    case 'ranking':
      return t('ub.meeting.sub.ranking', { n: slide.bars.length });
    case 'area':
      return t('ub.meeting.sub.area', { n: slide.indicators, share: slide.judged ? `${Math.round((slide.met / slide.judged) * 100)}%` : '—' });
    case 'laggards':
      return t('ub.meeting.sub.laggards', { n: slide.bars.length });
    case 'movers':
      return t('ub.meeting.sub.movers', { prev: prevLabel });
  }
}
