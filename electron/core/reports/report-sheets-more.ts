/**
 * The sheets of the quarterly report that look beyond the one quarter:
 * 报送情况 (returns completeness) and 趋势 (every indicator's values per
 * quarter since 2021Q1, with the target in force for each quarter).
 */
import { makeQuarter, quarterRange } from '../../../shared/periods';
import { targetInForce } from '../../../shared/targets';
import { valuesForPeriods } from './snapshot';
import { indicatorHistory, indicatorsWithValues, RETURN_STATE_LABEL, returnStates } from './report-data';
import { CENTER, INT_FMT, look, n, numberLook, numFmtFor, openSheet, putRow, SHARE_FMT, t, targetText, TEXT } from './report-format';
import { pace, regionColumns, targetColumn, type ReportContext } from './report-sheets';

export const TREND_FROM = '2021Q1';

export async function writeReturns(rc: ReportContext, name: string): Promise<number> {
  const quarterly = new Set(rc.catalogue.indicators.filter((i) => i.frequency === 'quarter').map((i) => i.code));
  const expected = quarterly.size;
  const received = new Map<string, number>();
  for (const v of valuesForPeriods(rc.db, [rc.period.code], rc.asOf)) {
    if (quarterly.has(v.indicator)) received.set(v.region, (received.get(v.region) ?? 0) + 1);
  }
  const states = returnStates(rc.db, rc.period.code, rc.asOf);
  const ws = openSheet(rc.wb, name, {
    title: `${rc.title}　报送情况`,
    subtitle: `${rc.subtitle}　应报 = 按季度报送的指标数；已报 = 本季度已有实际值的季度指标数（年度指标不计入）。`,
    periodLabel: rc.periodLabel,
    freezeColumns: 1,
    columns: [
      { header: '地区', width: 18 },
      { header: '应报指标数', width: 10 },
      { header: '已报指标数', width: 10 },
      { header: '缺报指标数', width: 10 },
      { header: '报送率', width: 9 },
      { header: '填报表状态', width: 11 },
      { header: '状态更新时间', width: 20 },
    ],
  });
  const count = numberLook(INT_FMT, { align: 'center' });
  let rows = 0;
  for (const r of rc.regions) {
    const got = received.get(r.code) ?? 0;
    const share = expected === 0 ? null : got / expected;
    const shareLook = look({
      numFmt: SHARE_FMT,
      align: 'center',
      fill: share === null ? null : share >= 1 ? 'FFC6EFCE' : share > 0 ? 'FFFFEB9C' : 'FFFFC7CE',
    });
    const st = states.get(r.code);
    putRow(ws, [
      t(r.name),
      n(expected, count),
      n(got, count),
      n(expected - got, count),
      n(share, shareLook),
      t(st ? RETURN_STATE_LABEL[st.state] : '未登记', CENTER),
      t(st ? st.changedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '', CENTER),
    ]);
    rows += 1;
  }
  ws.commit();
  return rows;
}

/**
 * One row per indicator and quarter. A quarter's own value is shown; a
 * published annual figure stands for the year's fourth quarter (as on the
 * charts). Indicators without any value in the span are left out.
 */
export async function writeTrend(rc: ReportContext, name: string): Promise<number> {
  const span = quarterRange(makeQuarter(2021, 1)!, rc.period); // from TREND_FROM
  const quarters = span.map((p) => p.code);
  const years = [...new Set(span.map((p) => String(p.year)))];
  const periods = [...quarters, ...years];
  const withValues = indicatorsWithValues(rc.db, periods, rc.asOf);
  const regionCodes = new Set(rc.regions.map((r) => r.code));
  const indicators = rc.catalogue.indicators.filter((i) => withValues.has(i.code));
  const ws = openSheet(rc.wb, name, {
    title: `${rc.title}　趋势（${TREND_FROM} 起）`,
    subtitle: `${rc.subtitle}　每行一个指标的一个季度；目标值为该季度有效的目标；年度公布数计入当年第四季度；只列出有数据的指标。`,
    periodLabel: rc.periodLabel,
    freezeColumns: 4,
    autoFilter: true,
    columns: [
      { header: '指标代码', width: 10 },
      { header: '指标名称', width: 28 },
      { header: '单位', width: 7 },
      { header: '期间', width: 9 },
      targetColumn(rc),
      ...regionColumns(rc),
    ],
  });
  let rows = 0;
  for (const ind of indicators) {
    const byKey = new Map<string, number>();
    for (const v of indicatorHistory(rc.db, ind.code, periods, rc.asOf)) {
      if (regionCodes.has(v.region)) byKey.set(`${v.region}|${v.period}`, v.value);
    }
    const valueLook = numberLook(numFmtFor(ind.unit, ind.precision, ind.direction));
    for (const q of quarters) {
      const year = q.slice(0, 4);
      const isQ4 = q.endsWith('Q4');
      const target = targetInForce(ind.targets, q, rc.focus?.code ?? null);
      putRow(ws, [
        t(ind.code),
        t(ind.name),
        t(ind.unit, CENTER),
        t(q, CENTER),
        t(targetText(target, ind.direction), CENTER),
        ...rc.regions.map((r) => n(byKey.get(`${r.code}|${q}`) ?? (isQ4 ? byKey.get(`${r.code}|${year}`) : undefined) ?? null, valueLook)),
      ]);
      rows += 1;
      await pace(rc, rows);
    }
  }
  if (indicators.length === 0) putRow(ws, [t(`${TREND_FROM} 至 ${rc.period.code} 尚无任何实际值。`, TEXT)]);
  ws.commit();
  return rows;
}
