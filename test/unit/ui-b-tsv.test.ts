import { describe, expect, it } from 'vitest';
import { parseTsv } from '../../renderer/src/features/entry/tsv';

describe('parseTsv (a block pasted from Excel/WPS)', () => {
  it('reads rows and cells, with or without the trailing line break', () => {
    expect(parseTsv('1.5\t备注\r\n2\t\r\n')).toEqual([['1.5', '备注'], ['2', '']]);
    expect(parseTsv('1\n2\n3')).toEqual([['1'], ['2'], ['3']]);
    expect(parseTsv('')).toEqual([]);
  });
  it('reads quoted cells with line breaks and quotes', () => {
    expect(parseTsv('"a\nb"\t"say ""hi"""\n3\t4\n')).toEqual([['a\nb', 'say "hi"'], ['3', '4']]);
  });
  it('keeps empty cells in the middle', () => {
    expect(parseTsv('\t\tx\n')).toEqual([['', '', 'x']]);
  });
});
