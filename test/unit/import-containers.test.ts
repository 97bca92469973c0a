/**
 * The compact containers behind a big import: the candidate list (columns,
 * not objects), the issue list (first N in reading order, totals of all) and
 * the numeric key index.
 */
import { describe, expect, it } from 'vitest';
import { CandidateList } from '../../electron/core/returns/candidates';
import { IssueList } from '../../electron/core/returns/issue-list';
import { keyIndex } from '../../electron/core/returns/key-index';
import { lcg } from '../helpers/kill';

describe('CandidateList', () => {
  it('gives back exactly what was pushed, for thousands of values (growing past its first size)', () => {
    const list = new CandidateList();
    const pushed: Array<Parameters<CandidateList['push']>> = [];
    for (let i = 0; i < 5000; i++) {
      const args: Parameters<CandidateList['push']> = [
        `表${i % 3}`, `${['D', 'AB', 'XFD'][i % 3]}${i + 2}`, `C${i % 7}`, `46${i % 20}`, `2026Q${(i % 4) + 1}`, i / 7, i % 5 === 0 ? `备注${i}` : undefined,
      ];
      pushed.push(args);
      list.push(...args);
    }
    expect(list.length).toBe(5000);
    for (const k of [0, 1, 2, 1023, 1024, 4999]) {
      const [sheet, cell, code, region, period, value, note] = pushed[k]!;
      expect(list.at(k)).toEqual({ sheet, cell, code, region, period, value, ...(note !== undefined ? { note } : {}) });
    }
    expect(list.codes.size).toBe(7);
    expect(list.toArray()).toHaveLength(5000);
  });

  it('keeps a cell reference that is not canonical A1 exactly as it came', () => {
    const list = new CandidateList();
    for (const cell of ['d2', 'A0', 'A01', 'ABCD1', '', 'R1C1']) list.push('s', cell, 'X', 'R', '2026Q1', 1, undefined);
    expect(list.toArray().map((c) => c.cell)).toEqual(['d2', 'A0', 'A01', 'ABCD1', '', 'R1C1']);
  });
});

describe('IssueList', () => {
  const issue = (sheet: string, cell: string, message = `${sheet}!${cell}`) => ({ sheet, cell, code: 'X', message });

  it('lists issues in reading order (sheets as first met, rows, then columns), ties in arrival order', () => {
    const l = new IssueList();
    l.addAll([issue('甲', 'D3'), issue('甲', 'D10'), issue('乙', 'A1')]);
    l.add(issue('甲', 'D3', 'second at D3'));
    l.add(issue('甲', 'B3'));
    l.add(issue('乙', 'A1', 'second at A1'));
    expect(l.list().map((i) => i.message)).toEqual(['甲!B3', '甲!D3', 'second at D3', '甲!D10', '乙!A1', 'second at A1']);
    expect(l.total).toBe(6);
  });

  it('with a limit, keeps the first N in reading order however they arrive, and counts them all', () => {
    const rnd = lcg(5);
    const all = Array.from({ length: 2500 }, (_, i) => issue(i % 2 ? '乙' : '甲', `C${Math.floor(rnd() * 900) + 1}`, `m${i}`));
    const limited = new IssueList(100);
    const unlimited = new IssueList();
    for (const i of all) {
      limited.add(i);
      unlimited.add(i);
    }
    expect(limited.total).toBe(2500);
    expect(limited.list()).toEqual(unlimited.list().slice(0, 100));
  });
});

describe('IssueList.offer', () => {
  it('writes a message only while it can still be listed, and lists what add would', () => {
    const offered = new IssueList(10);
    const added = new IssueList(10);
    let written = 0;
    for (let r = 2; r < 5000; r++) {
      const message = `第 ${r} 行`;
      offered.offer('表', `D${r}`, 'X', () => {
        written++;
        return message;
      });
      added.add({ sheet: '表', cell: `D${r}`, code: 'X', message });
    }
    expect(offered.list()).toEqual(added.list());
    expect(offered.total).toBe(4998);
    // In reading order from the start: once ten are held, nothing later is written.
    expect(written).toBeLessThanOrEqual(20);
  });
});

describe('keyIndex', () => {
  it('numeric: finds every key set, not one that was not, through collisions', () => {
    const idx = keyIndex(true, 3000);
    const keys = Array.from({ length: 3000 }, (_, i) => (i * 1024 + (i % 21)) * 1024 + (i % 40));
    keys.forEach((k, i) => idx.set(k, i));
    keys.forEach((k, i) => expect(idx.get(k)).toBe(i));
    expect(idx.get(7)).toBeUndefined();
    idx.set(keys[5]!, 99);
    expect(idx.get(keys[5]!)).toBe(99);
    expect(idx.get(0)).toBe(0);
  });
});
