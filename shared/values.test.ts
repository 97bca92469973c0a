import { describe, expect, it } from 'vitest';
import { isPercentFormat, readValue, type CellInput, type IndicatorUnit } from './values';

const DAYS: IndicatorUnit = { unit: '天', direction: 'lower' };
const WORKDAYS: IndicatorUnit = { unit: '工作日', direction: 'lower' };
const PCT: IndicatorUnit = { unit: '%', direction: 'higher' };
const HOURS_RANGE: IndicatorUnit = { unit: '小时', direction: 'range' };
const USD: IndicatorUnit = { unit: '美元', direction: 'lower' };
const COUNT: IndicatorUnit = { unit: '个', direction: 'higher' };
const MILESTONE: IndicatorUnit = { unit: '—', direction: 'milestone' };

const num = (value: number, numFmt?: string): CellInput => ({ type: 'number', value, numFmt });
const str = (value: string): CellInput => ({ type: 'string', value });

function valueOf(cell: CellInput, u: IndicatorUnit): number {
  const r = readValue(cell, u);
  if (r.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(r)}`);
  return r.value;
}

function rejection(cell: CellInput, u: IndicatorUnit): string {
  const r = readValue(cell, u);
  if (r.kind !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(r)}`);
  return r.message;
}

describe('CONTRACTS §4 row 1: numbers, own unit, full width, thousands, percentages', () => {
  it('a plain number', () => {
    expect(readValue(num(1.5), DAYS)).toEqual({ kind: 'value', value: 1.5 });
    expect(valueOf(str('1.5'), DAYS)).toBe(1.5);
    expect(valueOf(str(' 0 '), DAYS)).toBe(0);
    expect(valueOf(str('+2'), DAYS)).toBe(2);
  });
  it('the indicator’s own unit as a suffix, with or without spaces', () => {
    expect(valueOf(str('1.5天'), DAYS)).toBe(1.5);
    expect(valueOf(str('1.5 天'), DAYS)).toBe(1.5);
    expect(valueOf(str('3工作日'), WORKDAYS)).toBe(3);
    expect(valueOf(str('250 美元'), USD)).toBe(250);
    expect(valueOf({ type: 'richText', value: '1.5天' }, DAYS)).toBe(1.5);
  });
  it('full-width digits and thousands separators', () => {
    expect(valueOf(str('８,０００'), COUNT)).toBe(8000);
    expect(valueOf(str('８，０００'), COUNT)).toBe(8000);
    expect(valueOf(str('8,000'), COUNT)).toBe(8000);
    expect(valueOf(str('1,234,567.5'), COUNT)).toBe(1234567.5);
    expect(valueOf(str('１．５天'), DAYS)).toBe(1.5);
    expect(valueOf(str('\u30001.5\u3000'), DAYS)).toBe(1.5);
  });
  it('percentages: typed with %, shown as a percentage, or a plain number', () => {
    expect(valueOf(str('65%'), PCT)).toBe(65);
    expect(valueOf(str('65 ％'), PCT)).toBe(65);
    expect(valueOf(num(0.65, '0%'), PCT)).toBe(65);
    expect(valueOf(num(0.655, '0.0%'), PCT)).toBe(65.5);
    expect(valueOf(num(0.07, '0.00%'), PCT)).toBe(7);
    expect(valueOf(num(65), PCT)).toBe(65);
    expect(valueOf(str('65'), PCT)).toBe(65);
    expect(valueOf(num(100, 'General'), PCT)).toBe(100);
  });
  it('a text cell is read as typed even when its format is a percentage', () => {
    expect(valueOf({ type: 'string', value: '65', numFmt: '0%' }, PCT)).toBe(65);
  });
  it('warns about a % value that looks like a fraction or exceeds 100', () => {
    const small = readValue(num(0.65), PCT);
    expect(small).toMatchObject({ kind: 'value', value: 0.65 });
    expect(small.kind === 'value' && small.warning).toMatch(/65/);
    const big = readValue(num(120), PCT);
    expect(big).toMatchObject({ kind: 'value', value: 120 });
    expect(big.kind === 'value' && big.warning).toMatch(/超过了 100%/);
  });
});

describe('CONTRACTS §4 row 2: blank is no value, never zero', () => {
  it.each<CellInput>([
    { type: 'empty', value: null },
    str(''),
    str('   '),
    str('\u3000'),
    { type: 'richText', value: '' },
  ])('%j → empty', (cell) => {
    expect(readValue(cell, DAYS)).toEqual({ kind: 'empty' });
  });
  it('a formula whose result is empty text is empty', () => {
    expect(readValue({ type: 'formula', value: 'IF(A1="","",A1)', cachedResult: '' }, DAYS)).toEqual({ kind: 'empty' });
  });
});

describe('CONTRACTS §4 row 3: placeholders are no value, with a warning', () => {
  it.each(['—', '——', '-', '－', '/', '／', '无', '暂无', '不适用', 'N/A', 'n/a', 'Ｎ／Ａ', ' — '])('%s → placeholder', (typed) => {
    const r = readValue(str(typed), DAYS);
    expect(r.kind).toBe('placeholder');
    if (r.kind === 'placeholder') expect(r.warning).toMatch(/无数据/);
  });
  it('a placeholder works for every unit, milestones included', () => {
    expect(readValue(str('不适用'), MILESTONE).kind).toBe('placeholder');
    expect(readValue(str('/'), PCT).kind).toBe('placeholder');
  });
});

describe('CONTRACTS §4 row 4: formulas', () => {
  it('reads the cached result', () => {
    expect(valueOf({ type: 'formula', value: 'B4*2', cachedResult: 3 }, DAYS)).toBe(3);
    expect(valueOf({ type: 'formula', value: 'B4/B5', cachedResult: 0.65, numFmt: '0%' }, PCT)).toBe(65);
    expect(valueOf({ type: 'formula', value: 'TEXT(A1)', cachedResult: '1.5天' }, DAYS)).toBe(1.5);
    expect(valueOf({ type: 'formula', value: 'TRUE()', cachedResult: true }, MILESTONE)).toBe(1);
  });
  it('rejects a formula without a cached result, saying what to do', () => {
    expect(rejection({ type: 'formula', value: 'B4*3' }, DAYS)).toMatch(/=B4\*3.*没有保存计算结果/);
    expect(rejection({ type: 'formula', value: 'B4*3', cachedResult: null }, DAYS)).toMatch(/没有保存计算结果/);
  });
  it('rejects a formula that computed an error or a date', () => {
    expect(rejection({ type: 'formula', value: 'A1/0', cachedResult: { error: '#DIV/0!' } }, DAYS)).toMatch(/#DIV\/0!/);
    expect(rejection({ type: 'formula', value: 'TODAY()', cachedResult: new Date('2026-03-05') }, DAYS)).toMatch(/日期/);
  });
});

describe('CONTRACTS §4 row 5: rejected, saying why', () => {
  it('a negative number where the unit cannot be negative', () => {
    for (const u of [DAYS, WORKDAYS, PCT, HOURS_RANGE, USD, COUNT]) {
      expect(rejection(num(-3), u)).toMatch(/负数/);
      expect(rejection(str('-3'), u)).toMatch(/负数/);
    }
    expect(rejection(str('－２天'), DAYS)).toMatch(/“－２天”是负数.*单位：天/);
    expect(rejection(num(-0.1, '0%'), PCT)).toMatch(/“-10%”是负数/);
  });
  it('text that is no number', () => {
    expect(rejection(str('很快'), DAYS)).toMatch(/“很快”不是数字.*单位：天/);
    expect(rejection(str('1-2'), DAYS)).toMatch(/不是数字/);
    expect(rejection(str('1,5'), DAYS)).toMatch(/不是数字/);
    expect(rejection(str('1.5天左右'), DAYS)).toMatch(/不是数字/);
  });
  it('a date, typed or stored as one', () => {
    expect(rejection({ type: 'date', value: new Date('2026-03-05T00:00:00Z') }, DAYS)).toMatch(/日期（2026-03-05）/);
    expect(rejection(str('2026-03-05'), DAYS)).toMatch(/是日期/);
    expect(rejection(str('2026年3月5日'), DAYS)).toMatch(/是日期/);
    expect(rejection(str('3月5日'), DAYS)).toMatch(/是日期/);
  });
  it('another unit, naming both', () => {
    expect(rejection(str('3小时'), DAYS)).toBe('“3小时”的单位是小时，本指标单位是天，请换算成天后填写数字');
    expect(rejection(str('2天'), HOURS_RANGE)).toMatch(/单位是天，本指标单位是小时/);
    expect(rejection(str('1个工作日'), WORKDAYS)).toMatch(/单位是个工作日，本指标单位是工作日/);
    expect(rejection(str('65%'), DAYS)).toMatch(/是百分数，本指标单位是天/);
    expect(rejection(num(0.65, '0%'), DAYS)).toMatch(/显示为百分数/);
  });
  it('error values and booleans for a numeric indicator', () => {
    expect(rejection({ type: 'error', value: '#N/A' }, DAYS)).toMatch(/错误值 #N\/A/);
    expect(rejection({ type: 'boolean', value: true }, DAYS)).toMatch(/逻辑值 TRUE/);
  });
  it('not-a-number values', () => {
    expect(rejection(num(Number.NaN), DAYS)).toMatch(/不是有效的数字/);
  });
});

describe('milestones: done / not done', () => {
  it.each<[CellInput, number]>([
    [num(1), 1],
    [num(0), 0],
    [str('1'), 1],
    [str('０'), 0],
    [str('是'), 1],
    [str('否'), 0],
    [str('已完成'), 1],
    [str('完成'), 1],
    [str('未完成'), 0],
    [{ type: 'boolean', value: false }, 0],
  ])('%j → %d', (cell, expected) => {
    expect(valueOf(cell, MILESTONE)).toBe(expected);
  });
  it('refuses anything else', () => {
    expect(rejection(num(2), MILESTONE)).toMatch(/只能填 1（已完成）或 0（未完成）/);
    expect(rejection(num(0.5), MILESTONE)).toMatch(/只能填 1/);
    expect(rejection(str('基本完成'), MILESTONE)).toMatch(/不是数字.*完成填 1/);
    expect(rejection(str('1项'), MILESTONE)).toMatch(/只能填 1/);
  });
  it('words mean nothing for a numeric indicator', () => {
    expect(rejection(str('是'), COUNT)).toMatch(/不是数字/);
  });
});

describe('isPercentFormat', () => {
  it('finds a bare % only', () => {
    expect(isPercentFormat('0%')).toBe(true);
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('[Red]0.0%')).toBe(true);
    expect(isPercentFormat('0"%"')).toBe(false);
    expect(isPercentFormat('0\\%')).toBe(false);
    expect(isPercentFormat('General')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});
