import { describe, expect, it } from 'vitest';
import { headerFooterText, looksLikeFormula, MAX_CELL_CHARS, safeSheetName, safeText } from '../../electron/core/reports/safe-text';
import { estimateLines, gapFmtFor, numFmtFor, targetText } from '../../electron/core/reports/report-format';

describe('safeText: user text never becomes a formula', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-3', "'-3"],
    ['@cmd', "'@cmd"],
    ['\tX', "'\tX"],
    ['\rX', "'\rX"],
    ['\nX', "'\nX"],
    ['＝HYPERLINK("http://x")', '\'＝HYPERLINK("http://x")'],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
  ])('%j is prefixed with a single quote', (input, expected) => {
    expect(looksLikeFormula(input)).toBe(true);
    expect(safeText(input)).toBe(expected);
  });

  it('leaves ordinary text alone, including formula characters later in the string', () => {
    for (const s of ['海口市', '达标', '1+2=3', "'=already quoted", '≤ 1', '45–50', 'A-1', ' =1']) {
      expect(safeText(s)).toBe(s);
      expect(looksLikeFormula(s)).toBe(false);
    }
  });

  it('turns null/undefined into an empty string and drops characters XML cannot carry', () => {
    expect(safeText(null)).toBe('');
    expect(safeText(undefined)).toBe('');
    expect(safeText('a\u0000b\u0007c\uFFFEd')).toBe('abcd');
    expect(safeText('x\uD800y')).toBe('xy');
    expect(safeText('😀')).toBe('😀');
  });

  it('removes invalid characters before looking at the first character', () => {
    expect(safeText('\u0001=1+2')).toBe("'=1+2");
  });

  it('keeps cells within Excel’s length limit', () => {
    expect(safeText('x'.repeat(40_000))).toHaveLength(MAX_CELL_CHARS);
  });
});

describe('safeSheetName', () => {
  it('drops forbidden characters, clips to 31 and keeps names unique', () => {
    const used = new Set<string>();
    expect(safeSheetName('a[b]c:d*e?f/g\\h', used)).toBe('a b c d e f g h');
    const long = '知识产权创造、保护和运用领跑行动知识产权创造、保护和运用领跑行动';
    const first = safeSheetName(long, used);
    expect(first.length).toBe(31);
    const second = safeSheetName(long, used);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second.endsWith('(2)')).toBe(true);
    expect(safeSheetName('汇总', used)).toBe('汇总');
    expect(safeSheetName('汇总', used)).toBe('汇总(2)');
    expect(safeSheetName('ABC', used)).toBe('ABC');
    expect(safeSheetName('abc', used)).toBe('abc(2)');
  });

  it('never returns a blank, reserved or apostrophe-bearing name', () => {
    const used = new Set<string>();
    expect(safeSheetName('   ', used)).toBe('工作表');
    expect(safeSheetName('History', used)).toBe('工作表(2)');
    expect(safeSheetName("'quoted'", used)).toBe('quoted');
  });

  it('does not split a surrogate pair when clipping', () => {
    const name = safeSheetName('😀'.repeat(20), new Set());
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).toBe('😀'.repeat(15));
  });
});

describe('report formats', () => {
  it('picks number formats by unit (percent stored as 65, not 0.65)', () => {
    expect(numFmtFor('%', 2, 'higher')).toBe('0.00"%"');
    expect(numFmtFor('天', 0, 'lower')).toBe('0.0');
    expect(numFmtFor('工作日', 1, 'lower')).toBe('0.0');
    expect(numFmtFor('小时', 1, 'lower')).toBe('0.0');
    for (const u of ['项', '个', '件', '家']) expect(numFmtFor(u, 2, 'higher')).toBe('0');
    expect(numFmtFor('美元', 2, 'lower')).toBe('#,##0');
    expect(numFmtFor('万元', 2, 'higher')).toBe('#,##0.00');
    expect(numFmtFor('—', 0, 'milestone')).toContain('"完成"');
    expect(gapFmtFor('天', 0, 'lower')).toBe('+0.0;-0.0;0.0');
  });

  it('writes targets as text that never starts with a formula character', () => {
    const base = { year: 2021, regionCode: null, valueMax: null };
    expect(targetText({ ...base, comparator: '<=', value: 1 }, 'lower')).toBe('≤ 1');
    expect(targetText({ ...base, comparator: '>=', value: 90 }, 'higher')).toBe('≥ 90');
    expect(targetText({ ...base, comparator: 'between', value: 45, valueMax: 50 }, 'range')).toBe('45–50');
    expect(targetText({ ...base, comparator: '=', value: 3 }, 'higher')).toBe('等于 3');
    expect(targetText({ ...base, comparator: '=', value: 1 }, 'milestone')).toBe('完成');
    expect(targetText({ ...base, comparator: '=', value: 1, deadline: '2021-06-30' }, 'milestone')).toBe('完成（2021-06-30 前）');
    expect(targetText(null, 'lower')).toBe('');
    expect(targetText({ ...base, comparator: '<=', value: 8000 }, 'lower')).toBe('≤ 8,000');
  });

  it('estimates wrapped lines with CJK characters counting double', () => {
    expect(estimateLines('短', 10)).toBe(1);
    expect(estimateLines('档案验收实行告知承诺制的工程建设项目类型数', 34)).toBe(2);
    expect(estimateLines('a\nb', 10)).toBe(2);
  });

  it('doubles ampersands in header/footer text', () => {
    expect(headerFooterText('A&B')).toBe('A&&B');
  });
});
